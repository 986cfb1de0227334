namespace Faas.Gateway.Async;

/// <summary>What Redis holds about a call: whose it is, where it stands, and its result once finished (JSON).</summary>
public sealed record AsyncCallState(string Id, string Tenant, string Status, int Attempts, string? ResultJson);
