namespace Faas.Worker.Tests.Support;

/// <summary>A descriptor as written into test layouts.</summary>
public sealed record Blob(string MediaType, string Digest, long Size, string? Architecture = null);
