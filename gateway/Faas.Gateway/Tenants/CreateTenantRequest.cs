namespace Faas.Gateway.Tenants;

/// <summary>The body of <c>POST /system/tenants</c>: <c>{"name": "acme", "admin": false}</c>.</summary>
public sealed record CreateTenantRequest
{
    public string? Name { get; init; }

    public bool Admin { get; init; }
}
