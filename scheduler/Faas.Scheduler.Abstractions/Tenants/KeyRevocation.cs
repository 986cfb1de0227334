namespace Faas.Scheduler.Tenants;

/// <summary>The outcome of revoking a key, with the revoked key's hash (for caches to forget it).</summary>
[GenerateSerializer, Immutable]
public sealed record KeyRevocation(
    [property: Id(0)] KeyRevocationStatus Status,
    [property: Id(1)] string? KeySha256Hex = null);
