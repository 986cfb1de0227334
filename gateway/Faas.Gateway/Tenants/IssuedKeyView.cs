namespace Faas.Gateway.Tenants;

/// <summary>The answer to <c>POST /system/keys</c>; the only time the key is shown.</summary>
public sealed record IssuedKeyView(string Tenant, string Id, string ApiKey);
