namespace Faas.Scheduler.Tenants;

/// <summary>
/// Every tenant and the SHA-256 hashes of their API keys; one grain, keyed <see cref="Key"/>. Raw keys are never stored: they
/// are returned once, when issued.
/// </summary>
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "tenants";

    /// <summary>Creates the first tenant (an admin) when there is none and returns its key; null when tenants exist already.</summary>
    Task<TenantCredential?> EnsureFirstTenantAsync(string name);

    /// <summary>Creates a tenant with a new key; an error when the name is taken or not a DNS label.</summary>
    Task<TenantCreation> CreateTenantAsync(string name, bool isAdmin);

    /// <summary>Issues another key for an existing tenant; null when there is no such tenant.</summary>
    Task<TenantCredential?> IssueKeyAsync(string tenant);

    /// <summary>The ids (<see cref="ApiKeyIds"/>) of the tenant's keys, oldest first; null when there is no such tenant.</summary>
    Task<IReadOnlyList<string>?> ListKeysAsync(string tenant);

    /// <summary>Revokes one of the tenant's keys, named by its id; never its last key.</summary>
    Task<KeyRevocation> RevokeKeyAsync(string tenant, string keyId);

    /// <summary>The tenant whose key hashes to <paramref name="keySha256Hex"/> (lower-case hex), or null.</summary>
    Task<TenantIdentity?> AuthenticateAsync(string keySha256Hex);

    Task<IReadOnlyList<TenantIdentity>> ListAsync();
}
