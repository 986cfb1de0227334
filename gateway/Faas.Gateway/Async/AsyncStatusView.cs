namespace Faas.Gateway.Async;

/// <summary>The body of <c>GET /system/async/{id}</c> while the call is not finished (202).</summary>
public sealed record AsyncStatusView(string Id, string Status, int Attempts);
