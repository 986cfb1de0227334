using Faas.Gateway.Http;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Invocation;

/// <summary>The answer to a call that got no instance, or whose instance the worker refused it on.</summary>
public static class LeaseProblems
{
    public static GatewayProblem For(FunctionLease lease, string function, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.Status switch
        {
            LeaseStatus.NotFound => NotFound(function),
            LeaseStatus.AtCapacity => GatewayProblem.Of(429, "Too many concurrent calls", lease.Error ?? $"every instance of function {function} is busy and the queue is full; retry later", function) with { RetryAfterSeconds = retryAfterSeconds },
            LeaseStatus.StartFailed => GatewayProblem.Of(502, "Function did not start", lease.Error ?? $"a new instance of function {function} did not start", function) with { OutputTail = lease.OutputTail },
            LeaseStatus.NoWorker => GatewayProblem.Of(503, "No worker available", lease.Error ?? $"no worker can run function {function} now", function) with { RetryAfterSeconds = retryAfterSeconds },
            _ => GatewayProblem.Of(502, "Call failed", lease.Error ?? $"the call to function {function} failed", function),
        };
    }

    public static GatewayProblem NotFound(string function) =>
        GatewayProblem.Of(404, "Function not found", $"function {function} is not deployed", function);

    /// <summary>The worker's own problem about a call, restated for the client with the function's name.</summary>
    public static GatewayProblem For(WorkerProblem problem, string function, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.Status is 404 or 410 ? 503 : problem.Status;
        var title = problem.Status is 404 or 410 ? "Instance went away" : problem.Title ?? "Call failed";
        var detail = problem.Status is 404 or 410
            ? $"the instance of function {function} chosen for the call stopped before it took the call; retry the call"
            : problem.Detail ?? title;
        return GatewayProblem.Of(status, title, detail, function) with
        {
            Instance = problem.Instance,
            OutputTail = problem.OutputTail,
            RetryAfterSeconds = status is 429 or 503 ? retryAfterSeconds : null,
        };
    }
}
