using Faas.Gateway.Async;
using Faas.Gateway.Auth;
using Faas.Gateway.Http;
using Faas.Gateway.Invocation;
using Faas.Gateway.Logs;
using Faas.Gateway.Management;
using Faas.Gateway.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Faas.Gateway.Hosting;

public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the gateway's HTTP API (docs/api.md): <c>/function/{name}/{**path}</c>, <c>/async-function/{name}/{**path}</c>, the system API under <c>/system</c> (API key
    /// required), <c>/healthz</c> and <c>/metrics</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapFaasGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealth();
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapInvocation();
        endpoints.MapAsyncInvocation();
        var system = endpoints.MapGroup("/system");
        system.AddEndpointFilter<RouteGroupBuilder, ApiKeyEndpointFilter>();
        system.MapFunctions();
        system.MapLogs();
        system.MapTenants();
        system.MapKeys();
        system.MapAsyncResults();
        system.Map("/{**rest}", (string? rest) =>
            GatewayProblem.Of(StatusCodes.Status404NotFound, "Not found", $"there is no system API at /system/{rest}"));
        return endpoints;
    }
}
