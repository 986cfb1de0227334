namespace Faas.Cli.Client;

/// <summary>POST /system/tenants's answer; the only time the tenant's key is shown.</summary>
public sealed record CreatedTenant(string Tenant, string ApiKey, bool Admin)
{
    /// <summary>Without the key: this may end up in logs.</summary>
    public override string ToString() => $"tenant {Tenant} (admin: {Admin})";
}
