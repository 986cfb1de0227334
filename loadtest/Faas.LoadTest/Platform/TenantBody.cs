namespace Faas.LoadTest.Platform;

/// <summary>The body of <c>POST /system/tenants</c>.</summary>
public sealed record TenantBody(string Name, bool Admin);
