using Faas.Common.Names;
using Faas.Gateway.Auth;
using Faas.Gateway.Hosting;
using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
using Faas.Scheduler.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Management;

/// <summary>
/// The function API: <c>POST</c>/<c>PUT</c>/<c>GET</c>/<c>DELETE /system/functions</c> and <c>GET /system/function/{name}</c>,
/// every name looked up within the caller's tenant.
/// </summary>
public static class FunctionEndpoints
{
    public static void MapFunctions(this IEndpointRouteBuilder system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.MapPost("/functions", (HttpContext context, DeployHandler deploy) => deploy.DeployAsync(context, DeployMode.Create));
        system.MapPut("/functions", (HttpContext context, DeployHandler deploy) => deploy.DeployAsync(context, DeployMode.Update));
        system.MapGet("/functions", ListAsync);
        system.MapGet("/function/{name}", DescribeAsync);
        system.MapDelete("/functions", RemoveAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var tenant = context.GetTenant().Tenant;
        var names = await grains.GetGrain<ITenantGrain>(tenant).ListFunctionsAsync().ConfigureAwait(false);
        var descriptions = await Task.WhenAll(names.Select(name => grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, name)).DescribeAsync())).ConfigureAwait(false);
        IReadOnlyList<FunctionView> views = [.. descriptions.OfType<FunctionDescription>().OrderBy(d => d.Name, StringComparer.Ordinal).Select(FunctionViews.Of)];
        return TypedResults.Json(views, GatewayJsonContext.Default.IReadOnlyListFunctionView);
    }

    private static async Task<IResult> DescribeAsync(HttpContext context, IGrainFactory grains, string name)
    {
        var tenant = context.GetTenant().Tenant;
        var description = DnsLabel.IsFunctionName(name)
            ? await grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, name)).DescribeAsync().ConfigureAwait(false)
            : null;
        return description is null
            ? NotFound(name)
            : TypedResults.Json(FunctionViews.Of(description), GatewayJsonContext.Default.FunctionView);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        var tenant = context.GetTenant().Tenant;
        var name = context.Request.Query["name"].ToString();
        if (name.Length == 0 && context.Request.ContentLength is not 0)
        {
            var (body, tooLarge) = await RequestBodies.ReadAsync(context.Request, options.Value.MaxDeployBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (tooLarge is not null)
            {
                return tooLarge;
            }

            if (body!.Length > 0)
            {
                var (request, error) = ReadRemoveRequest(body);
                if (request is null)
                {
                    return GatewayProblem.Of(StatusCodes.Status400BadRequest, "Invalid remove request", error!);
                }

                if (request.Namespace is { Length: > 0 } space && space != tenant)
                {
                    return NotFound(request.FunctionName ?? "");
                }

                name = request.FunctionName ?? "";
            }
        }

        if (name.Length == 0)
        {
            return GatewayProblem.Of(StatusCodes.Status400BadRequest, "Invalid remove request", "name the function: ?name=hello or the body {\"functionName\": \"hello\"}");
        }

        if (!DnsLabel.IsFunctionName(name) || !await grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, name)).RemoveAsync().ConfigureAwait(false))
        {
            return NotFound(name);
        }

        return TypedResults.NoContent();
    }

    private static (RemoveRequest? Request, string? Error) ReadRemoveRequest(byte[] body)
    {
        try
        {
            return (System.Text.Json.JsonSerializer.Deserialize(body, DeployRequestJsonContext.Default.RemoveRequest), null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, $"the body must be {{\"functionName\": \"…\"}}: {JsonErrors.Describe(e)}");
        }
    }

    private static GatewayProblem NotFound(string name) =>
        GatewayProblem.Of(StatusCodes.Status404NotFound, "Function not found", $"function {name} is not deployed", name);
}
