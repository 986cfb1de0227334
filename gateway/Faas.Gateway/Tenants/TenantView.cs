namespace Faas.Gateway.Tenants;

/// <summary>A tenant in <c>GET /system/tenants</c>.</summary>
public sealed record TenantView(string Tenant, bool Admin);
