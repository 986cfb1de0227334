using Faas.Common.Names;
using Faas.Gateway.Auth;
using Faas.Gateway.Hosting;
using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Logs;

/// <summary>
/// <c>GET /system/logs</c>: a function's log as JSON lines, oldest first; with <c>follow=true</c> the response stays open and
/// the scheduler is asked for lines after the last one every <see cref="GatewayOptions.LogFollowPollInterval"/> until the client
/// goes away.
/// </summary>
public static class LogEndpoints
{
    public static void MapLogs(this IEndpointRouteBuilder system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.MapGet("/logs", StreamAsync);
    }

    private static async Task<IResult> StreamAsync(HttpContext context, IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider time)
    {
        var tenant = context.GetTenant().Tenant;
        var (request, invalid) = LogRequest.Parse(context.Request.Query);
        if (request is null)
        {
            return invalid!;
        }

        var grain = grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, request.Name));
        if (!DnsLabel.IsFunctionName(request.Name) || await grain.DescribeAsync().ConfigureAwait(false) is null)
        {
            return GatewayProblem.Of(StatusCodes.Status404NotFound, "Function not found", $"function {request.Name} is not deployed", request.Name);
        }

        var page = await grain.GetLogsAsync(new LogQuery(null, request.Since, request.Tail)).ConfigureAwait(false);
        var aborted = context.RequestAborted;
        var writer = new NdjsonWriter(context.Response);
        try
        {
            await writer.StartAsync(aborted).ConfigureAwait(false);
            await writer.WriteAllAsync(page.Lines.Select(line => LogLineView.Of(tenant, request.Name, line)), GatewayJsonContext.Default.LogLineView, aborted).ConfigureAwait(false);
            var cursor = page.Cursor;
            while (request.Follow && !aborted.IsCancellationRequested)
            {
                await Task.Delay(options.Value.LogFollowPollInterval, time, aborted).ConfigureAwait(false);
                try
                {
                    page = await grain.GetLogsAsync(new LogQuery(cursor)).ConfigureAwait(false);
                }
                catch (Exception e) when (SchedulerFailures.IsUnavailable(e))
                {
                    // Followers outlive a scheduler hiccup: ask again at the next poll.
                    continue;
                }

                await writer.WriteAllAsync(page.Lines.Select(line => LogLineView.Of(tenant, request.Name, line)), GatewayJsonContext.Default.LogLineView, aborted).ConfigureAwait(false);
                cursor = page.Cursor;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client stopped following.
        }

        return Results.Empty;
    }
}
