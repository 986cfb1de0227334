using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Management;

/// <summary>The HTTP status and problem of each way a deploy can end.</summary>
public static class DeployResults
{
    public static int StatusOf(DeployStatus status) => status switch
    {
        DeployStatus.Created => StatusCodes.Status201Created,
        DeployStatus.Updated or DeployStatus.Unchanged => StatusCodes.Status200OK,
        DeployStatus.Conflict => StatusCodes.Status409Conflict,
        DeployStatus.NotFound => StatusCodes.Status404NotFound,
        DeployStatus.ImageFailed => StatusCodes.Status400BadRequest,
        DeployStatus.StartFailed => StatusCodes.Status422UnprocessableEntity,
        DeployStatus.NoWorker => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem of a deploy that did not succeed.</summary>
    public static GatewayProblem Problem(DeployResult result, string function)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = StatusOf(result.Status);
        return result.Status switch
        {
            DeployStatus.Conflict => GatewayProblem.Of(status, "Function exists", result.Error ?? $"function {function} is already deployed with another spec: update it with PUT", function),
            DeployStatus.NotFound => GatewayProblem.Of(status, "Function not found", result.Error ?? $"function {function} is not deployed: create it with POST", function),
            DeployStatus.ImageFailed => GatewayProblem.Of(status, "Image unusable", result.Error ?? "the image could not be pulled or used", function),
            DeployStatus.StartFailed => GatewayProblem.Of(status, "Function did not start", result.Error ?? $"function {function} did not become ready", function) with { OutputTail = result.OutputTail },
            DeployStatus.NoWorker => GatewayProblem.Of(status, "No worker available", result.Error ?? $"no worker can run function {function}", function),
            _ => GatewayProblem.Of(status, "Deploy failed", result.Error ?? $"the deploy of function {function} failed", function),
        };
    }
}
