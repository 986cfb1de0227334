namespace Faas.Gateway.Tenants;

/// <summary>The answer to <c>POST /system/tenants</c>; the only time the key is shown.</summary>
public sealed record CreatedTenantView(string Tenant, string ApiKey, bool Admin);
