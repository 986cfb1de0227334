namespace Faas.Scheduler.Tenants;

/// <summary>How a request to revoke an API key ended.</summary>
public enum KeyRevocationStatus
{
    Revoked,
    NoSuchTenant,
    NoSuchKey,

    /// <summary>It is the tenant's only key: revoking it would lock the tenant out (issue another first).</summary>
    LastKey,
}
