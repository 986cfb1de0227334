using System.Text.Json;
using Faas.Common.Names;
using Faas.Gateway.Auth;
using Faas.Gateway.Http;
using Faas.Scheduler.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Faas.Gateway.Tenants;

/// <summary><c>POST</c> and <c>GET /system/tenants</c>, for admin keys only.</summary>
public static class TenantEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;

    public static void MapTenants(this IEndpointRouteBuilder system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.MapPost("/tenants", CreateAsync).WithMetadata(AdminOnly.Instance);
        system.MapGet("/tenants", ListAsync).WithMetadata(AdminOnly.Instance);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var (body, tooLarge) = await RequestBodies.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        CreateTenantRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, TenantRequestJsonContext.Default.CreateTenantRequest);
        }
        catch (JsonException e)
        {
            return Invalid($"the body must be {{\"name\": \"acme\", \"admin\": false}}: {JsonErrors.Describe(e)}");
        }

        var name = request?.Name ?? "";
        if (!DnsLabel.IsTenantName(name))
        {
            return Invalid($"'{name}' is not a valid tenant name: use 1-{DnsLabel.MaxTenantNameLength} lower-case letters, digits and '-', starting and ending with a letter or digit");
        }

        var creation = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync(name, request!.Admin).ConfigureAwait(false);
        if (creation.Credential is not { } credential)
        {
            return GatewayProblem.Of(StatusCodes.Status409Conflict, "Tenant exists", creation.Error ?? $"tenant '{name}' already exists");
        }

        var created = new CreatedTenantView(credential.Identity.Tenant, credential.ApiKey, credential.Identity.IsAdmin);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(created, GatewayJsonContext.Default.CreatedTenantView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var tenants = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync().ConfigureAwait(false);
        IReadOnlyList<TenantView> views = [.. tenants.Select(t => new TenantView(t.Tenant, t.IsAdmin))];
        return TypedResults.Json(views, GatewayJsonContext.Default.IReadOnlyListTenantView);
    }

    private static GatewayProblem Invalid(string detail) => GatewayProblem.Of(StatusCodes.Status400BadRequest, "Invalid tenant request", detail);
}
