namespace Faas.LoadTest.Engine;

/// <summary>
/// Where one call goes: the full URL, the API key to send (null: none, as for the worker's own endpoint), and the workers' key
/// for a call straight to a worker.
/// </summary>
public sealed record CallTarget(Uri Url, string? ApiKey, string? WorkerKey = null);
