namespace Faas.Gateway.Async;

/// <summary>One header of a queued request or of a stored response.</summary>
public sealed record AsyncHeader(string Name, string Value);
