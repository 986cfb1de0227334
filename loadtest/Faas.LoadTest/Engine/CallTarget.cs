namespace Faas.LoadTest.Engine;

/// <summary>Where one call goes: the full URL, and the API key to send (null: none, as for the worker's own endpoint).</summary>
public sealed record CallTarget(Uri Url, string? ApiKey);
