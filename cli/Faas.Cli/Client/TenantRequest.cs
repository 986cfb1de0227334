namespace Faas.Cli.Client;

/// <summary>The body of POST /system/tenants.</summary>
public sealed record TenantRequest(string Name, bool Admin);
