namespace Faas.Gateway.Http;

/// <summary>Exceptions that mean the scheduler (the Orleans cluster) could not be reached or did not answer in time.</summary>
public static class SchedulerFailures
{
    public static bool IsUnavailable(Exception exception) =>
        exception is OrleansException or TimeoutException;

    public static GatewayProblem Problem(Exception exception, string? function = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is TimeoutException
            ? GatewayProblem.Of(504, "Scheduler timed out", "the scheduler did not answer in time; the operation may still complete", function)
            : GatewayProblem.Of(503, "Scheduler unavailable", "the scheduler cannot be reached; try again shortly", function);
    }
}
