using Faas.Scheduler.Tenants;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Auth;

/// <summary>The tenant an authenticated request speaks for, kept on its <see cref="HttpContext"/>.</summary>
public static class TenantContext
{
    private static readonly object ItemKey = new();

    public static void SetTenant(this HttpContext context, TenantIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = identity;
    }

    /// <exception cref="InvalidOperationException">The endpoint is not behind the gateway's authentication.</exception>
    public static TenantIdentity GetTenant(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is TenantIdentity identity
            ? identity
            : throw new InvalidOperationException("the request was not authenticated");
    }
}
