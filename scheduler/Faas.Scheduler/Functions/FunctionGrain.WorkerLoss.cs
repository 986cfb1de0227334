namespace Faas.Scheduler.Functions;

internal sealed partial class FunctionGrain
{
    /// <summary>Whether a failed call means the worker's silo cannot be reached at all (it died or its host is gone), not that it was slow.</summary>
    private static bool IsUnreachable(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>
    /// A worker that cannot be reached: its instances are dropped at once (their leases would only fail) and the registry forgets
    /// it until it reports again, so new instances go to the other workers.
    /// </summary>
    private async Task ForgetWorkerAsync(string workerId)
    {
        foreach (var slot in _pool.Slots.Where(slot => slot.WorkerId == workerId).ToList())
        {
            Drop(slot);
        }

        try
        {
            await Registry.UnregisterAsync(workerId);
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            LogSyncFailed(logger, _key, e.Message);
        }
    }
}
