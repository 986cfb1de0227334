namespace Faas.Scheduler.Tenants;

/// <summary>The outcome of creating a tenant: its first key, or why not.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantCreation(
    [property: Id(0)] TenantCredential? Credential,
    [property: Id(1)] string? Error = null);
