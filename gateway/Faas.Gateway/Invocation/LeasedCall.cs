using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
using Microsoft.Extensions.Logging;

namespace Faas.Gateway.Invocation;

/// <summary>One call's hold on an instance; released exactly once, whichever of the paths that end a call gets there first.</summary>
internal sealed partial class LeasedCall(IFunctionGrain grain, FunctionLease lease, ILogger logger)
{
    private int _released;

    public FunctionLease Lease => lease;

    public string LeaseId => lease.LeaseId ?? "";

    public Task ReleaseAsync(LeaseOutcome outcome) =>
        Interlocked.Exchange(ref _released, 1) == 0 ? ReleaseCoreAsync(outcome) : Task.CompletedTask;

    private async Task ReleaseCoreAsync(LeaseOutcome outcome)
    {
        try
        {
            await grain.ReleaseAsync(LeaseId, outcome).ConfigureAwait(false);
        }
        catch (Exception e) when (SchedulerFailures.IsUnavailable(e))
        {
            LogReleaseFailed(logger, LeaseId, outcome, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {LeaseId} could not be released ({Outcome})")]
    private static partial void LogReleaseFailed(ILogger logger, string leaseId, LeaseOutcome outcome, Exception exception);
}
