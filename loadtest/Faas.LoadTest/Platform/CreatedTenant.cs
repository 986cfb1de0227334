namespace Faas.LoadTest.Platform;

/// <summary>The answer to <c>POST /system/tenants</c>.</summary>
public sealed record CreatedTenant(string Tenant, string ApiKey);
