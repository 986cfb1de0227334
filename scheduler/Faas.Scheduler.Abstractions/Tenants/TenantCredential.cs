namespace Faas.Scheduler.Tenants;

/// <summary>A tenant and a new API key for it. The key is shown once; only its SHA-256 hash is stored.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantCredential(
    [property: Id(0)] TenantIdentity Identity,
    [property: Id(1)] string ApiKey);
