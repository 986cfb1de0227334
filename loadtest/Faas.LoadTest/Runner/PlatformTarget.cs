namespace Faas.LoadTest.Runner;

/// <summary>The platform a pass runs against: its gateway, an API key, its worker endpoint if known, and its process if on this host.</summary>
public sealed record PlatformTarget(Uri Gateway, string ApiKey, Uri? Worker, int? ProcessId, string? WorkerKey = null);
