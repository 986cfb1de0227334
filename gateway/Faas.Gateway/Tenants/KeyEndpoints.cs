using Faas.Gateway.Auth;
using Faas.Gateway.Http;
using Faas.Gateway.Routing;
using Faas.Scheduler.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Faas.Gateway.Tenants;

/// <summary>
/// <c>GET</c>, <c>POST /system/keys</c> and <c>DELETE /system/keys/{id}</c>: a tenant lists, adds and revokes its own API keys
/// (to rotate one: add, switch, revoke the old). <c>?tenant=NAME</c> manages another tenant's keys, with an admin key only.
/// </summary>
public static class KeyEndpoints
{
    public static void MapKeys(this IEndpointRouteBuilder system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.MapGet("/keys", ListAsync);
        system.MapPost("/keys", IssueAsync);
        system.MapDelete("/keys/{id}", RevokeAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, string? tenant)
    {
        if (Target(context, tenant) is not { } target)
        {
            return OtherTenantForbidden();
        }

        if (await Directory(grains).ListKeysAsync(target).ConfigureAwait(false) is not { } ids)
        {
            return NoSuchTenant(target);
        }

        var current = BearerToken.Parse(context.Request.Headers.Authorization) is { } key ? ApiKeyIds.Of(ApiKeyHasher.Hash(key)) : null;
        IReadOnlyList<KeyView> views = [.. ids.Select(id => new KeyView(id, id == current))];
        return TypedResults.Json(views, GatewayJsonContext.Default.IReadOnlyListKeyView);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IGrainFactory grains, string? tenant)
    {
        if (Target(context, tenant) is not { } target)
        {
            return OtherTenantForbidden();
        }

        if (await Directory(grains).IssueKeyAsync(target).ConfigureAwait(false) is not { } credential)
        {
            return NoSuchTenant(target);
        }

        context.Response.Headers.CacheControl = "no-store";
        var issued = new IssuedKeyView(credential.Identity.Tenant, ApiKeyIds.Of(ApiKeyHasher.Hash(credential.ApiKey)), credential.ApiKey);
        return TypedResults.Json(issued, GatewayJsonContext.Default.IssuedKeyView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(
        HttpContext context, IGrainFactory grains, AuthenticationCache cache, SharedAuthenticationCache shared, string id, string? tenant)
    {
        if (Target(context, tenant) is not { } target)
        {
            return OtherTenantForbidden();
        }

        if (!ApiKeyIds.IsWellFormed(id))
        {
            return GatewayProblem.Of(StatusCodes.Status400BadRequest, "Invalid key id", $"'{id}' is not a key id: ids look like key_0123456789ab (GET /system/keys lists them)");
        }

        var revocation = await Directory(grains).RevokeKeyAsync(target, id).ConfigureAwait(false);
        switch (revocation.Status)
        {
            case KeyRevocationStatus.Revoked:
                cache.Remove(revocation.KeySha256Hex!);
                await shared.RevokeAsync(revocation.KeySha256Hex!).ConfigureAwait(false);
                return TypedResults.NoContent();
            case KeyRevocationStatus.LastKey:
                return GatewayProblem.Of(StatusCodes.Status409Conflict, "Last key", $"{id} is the only key of tenant '{target}': add another (POST /system/keys) before revoking it");
            case KeyRevocationStatus.NoSuchTenant:
                return NoSuchTenant(target);
            default:
                return GatewayProblem.Of(StatusCodes.Status404NotFound, "Not found", $"tenant '{target}' has no key {id}");
        }
    }

    /// <summary>The tenant whose keys the request manages: its own, or with an admin key the one it names; null when it may not.</summary>
    private static string? Target(HttpContext context, string? tenant)
    {
        var caller = context.GetTenant();
        return string.IsNullOrEmpty(tenant) || tenant == caller.Tenant ? caller.Tenant : caller.IsAdmin ? tenant : null;
    }

    private static ITenantDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    private static GatewayProblem OtherTenantForbidden() =>
        GatewayProblem.Of(StatusCodes.Status403Forbidden, "Forbidden", "managing another tenant's keys needs an admin API key");

    private static GatewayProblem NoSuchTenant(string tenant) =>
        GatewayProblem.Of(StatusCodes.Status404NotFound, "Not found", $"there is no tenant '{tenant}'");
}
