namespace Faas.Gateway.Tenants;

/// <summary>One API key in <c>GET /system/keys</c>: its id, and whether it is the key the request was made with.</summary>
public sealed record KeyView(string Id, bool Current);
