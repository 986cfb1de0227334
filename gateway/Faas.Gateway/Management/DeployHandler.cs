using Faas.Gateway.Auth;
using Faas.Gateway.Hosting;
using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Management;

/// <summary>
/// <c>POST</c> (create) and <c>PUT</c> (update) <c>/system/functions</c>: reads and checks the deploy request, has the function's
/// grain deploy it, and answers with the function, or with a stream of progress lines and a last result line when the client
/// accepts <c>application/x-ndjson</c>.
/// </summary>
public sealed partial class DeployHandler(IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider time, ILogger<DeployHandler> logger)
{
    private readonly GatewayOptions _options = options.Value;

    public async Task<IResult> DeployAsync(HttpContext context, DeployMode mode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = context.GetTenant().Tenant;
        var (body, tooLarge) = await RequestBodies.ReadAsync(context.Request, _options.MaxDeployBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var parsed = ParsedDeploy.Parse(body);
        if (!parsed.IsValid)
        {
            return GatewayProblem.Of(StatusCodes.Status400BadRequest, "Invalid deploy request", string.Join("; ", parsed.Errors), parsed.Name) with { Errors = parsed.Errors };
        }

        var grain = grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, parsed.Name));
        if (NdjsonWriter.IsAccepted(context.Request))
        {
            await StreamAsync(context, grain, tenant, parsed.Name, parsed.Spec, mode).ConfigureAwait(false);
            return Results.Empty;
        }

        var result = await grain.DeployAsync(parsed.Spec, mode).ConfigureAwait(false);
        LogDeploy(logger, tenant, parsed.Name, result.Status);
        if (!result.Succeeded)
        {
            return DeployResults.Problem(result, parsed.Name);
        }

        var view = await ViewAsync(grain, result).ConfigureAwait(false);
        if (view is null)
        {
            return GatewayProblem.Of(StatusCodes.Status404NotFound, "Function not found", $"function {parsed.Name} was removed while it was deployed", parsed.Name);
        }

        if (result.Status == DeployStatus.Created)
        {
            context.Response.Headers.Location = $"/system/function/{parsed.Name}";
        }

        return TypedResults.Json(view, GatewayJsonContext.Default.FunctionView, statusCode: DeployResults.StatusOf(result.Status));
    }

    private async Task StreamAsync(HttpContext context, IFunctionGrain grain, string tenant, string name, FunctionSpec spec, DeployMode mode)
    {
        var aborted = context.RequestAborted;
        var writer = new NdjsonWriter(context.Response);
        await writer.StartAsync(aborted).ConfigureAwait(false);
        var deploy = grain.DeployAsync(spec, mode);
        try
        {
            await FollowProgressAsync(writer, grain, deploy, aborted).ConfigureAwait(false);
            DeployResult result;
            try
            {
                result = await deploy.ConfigureAwait(false);
            }
            catch (Exception e) when (SchedulerFailures.IsUnavailable(e))
            {
                var problem = SchedulerFailures.Problem(e, name);
                await writer.WriteAsync(new DeployErrorLine(problem.Status, problem), GatewayJsonContext.Default.DeployErrorLine, aborted).ConfigureAwait(false);
                return;
            }

            LogDeploy(logger, tenant, name, result.Status);
            var view = result.Succeeded ? await ViewAsync(grain, result).ConfigureAwait(false) : null;
            if (view is not null)
            {
                await writer.WriteAsync(new DeployResultLine(DeployResults.StatusOf(result.Status), view), GatewayJsonContext.Default.DeployResultLine, aborted).ConfigureAwait(false);
            }
            else
            {
                var problem = result.Succeeded
                    ? GatewayProblem.Of(StatusCodes.Status404NotFound, "Function not found", $"function {name} was removed while it was deployed", name)
                    : DeployResults.Problem(result, name);
                await writer.WriteAsync(new DeployErrorLine(problem.Status, problem), GatewayJsonContext.Default.DeployErrorLine, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away; the deploy goes on in the scheduler.
        }
    }

    /// <summary>Writes a progress line whenever the deploy's progress changes, until the deploy ends.</summary>
    private async Task FollowProgressAsync(NdjsonWriter writer, IFunctionGrain grain, Task<DeployResult> deploy, CancellationToken aborted)
    {
        DeployProgress? last = null;
        Task<DeployProgress?>? asking = null;
        var first = true;
        while (!deploy.IsCompleted)
        {
            if (!first)
            {
                await Task.WhenAny(deploy, Task.Delay(_options.DeployProgressPollInterval, time, aborted)).ConfigureAwait(false);
                aborted.ThrowIfCancellationRequested();
                if (deploy.IsCompleted)
                {
                    break;
                }
            }

            first = false;
            asking ??= grain.GetDeployProgressAsync();
            await Task.WhenAny(asking, deploy).ConfigureAwait(false);
            if (!asking.IsCompleted)
            {
                continue;
            }

            DeployProgress? progress = null;
            if (asking.IsCompletedSuccessfully)
            {
                progress = asking.Result;
            }
            else
            {
                // Observed and dropped: a progress question that failed only costs a line of progress.
                _ = asking.Exception;
            }

            asking = null;
            if (progress is not null && progress != last)
            {
                last = progress;
                await writer.WriteAsync(DeployProgressLine.Of(progress), GatewayJsonContext.Default.DeployProgressLine, aborted).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The function as the deploy left it.</summary>
    private static async Task<FunctionView?> ViewAsync(IFunctionGrain grain, DeployResult result)
    {
        var description = result.Function ?? await grain.DescribeAsync().ConfigureAwait(false);
        return description is null ? null : FunctionViews.Of(description);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deploy of {Tenant}/{Function}: {Status}")]
    private static partial void LogDeploy(ILogger logger, string tenant, string function, DeployStatus status);
}
