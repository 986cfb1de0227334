namespace Faas.Cli.Client;

/// <summary>One tenant in GET /system/tenants.</summary>
public sealed record TenantInfo(string Tenant, bool Admin);
