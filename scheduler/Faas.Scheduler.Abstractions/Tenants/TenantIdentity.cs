namespace Faas.Scheduler.Tenants;

/// <summary>Who an API key belongs to.</summary>
/// <param name="Tenant">The tenant's name (a DNS label).</param>
/// <param name="IsAdmin">Whether the key may create tenants.</param>
[GenerateSerializer, Immutable]
public sealed record TenantIdentity(
    [property: Id(0)] string Tenant,
    [property: Id(1)] bool IsAdmin);
