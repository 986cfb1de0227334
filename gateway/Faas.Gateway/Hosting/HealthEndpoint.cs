using Faas.Gateway.Http;
using Faas.Scheduler.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Hosting;

/// <summary><c>GET /healthz</c>: <c>200 {"status":"ok"}</c> once the scheduler answers, a 503 problem otherwise. No key needed.</summary>
public static class HealthEndpoint
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", CheckAsync);
    }

    private static async Task<IResult> CheckAsync(IGrainFactory grains, IOptions<GatewayOptions> options, CancellationToken aborted)
    {
        try
        {
            await grains.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key).ListAsync().WaitAsync(options.Value.HealthTimeout, aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (SchedulerFailures.IsUnavailable(e))
        {
            return GatewayProblem.Of(StatusCodes.Status503ServiceUnavailable, "Scheduler unavailable", "the scheduler does not answer");
        }

        return TypedResults.Json(new HealthView("ok"), GatewayJsonContext.Default.HealthView);
    }
}
