namespace Faas.Scheduler.Functions;

/// <summary>
/// One function of one tenant, keyed "{tenant}/{name}": its spec and versions, its live instances and the workers that hold its
/// snapshot. Decides where each call runs.
/// </summary>
public interface IFunctionGrain : IGrainWithStringKey
{
    /// <summary>Deploys a new version (image prepared and snapshot taken before it returns) or finds the spec unchanged.</summary>
    /// <remarks>Pulling a large image and booting it to ready under emulation takes longer than Orleans' default response timeout.</remarks>
    [ResponseTimeout("00:15:00")]
    Task<DeployResult> DeployAsync(FunctionSpec spec, DeployMode mode);

    /// <summary>The running deploy's progress; null when none runs.</summary>
    Task<DeployProgress?> GetDeployProgressAsync();

    /// <summary>Null when the function does not exist.</summary>
    Task<FunctionDescription?> DescribeAsync();

    /// <summary>Stops every instance, forgets the function. False when it did not exist.</summary>
    Task<bool> RemoveAsync();

    /// <summary>
    /// Reserves an instance for one call: an idle one of the current version, else a new one restored on a worker that holds the
    /// snapshot, else booted on a worker with room; at maxInstances the call waits in a bounded queue, then gets AtCapacity.
    /// </summary>
    /// <remarks>A new instance on a worker that lost the function (e.g. after its restart) deploys it again first.</remarks>
    [ResponseTimeout("00:15:00")]
    Task<FunctionLease> LeaseAsync();

    /// <summary>Ends a call's hold on its instance.</summary>
    Task ReleaseAsync(string leaseId, LeaseOutcome outcome);

    Task<LogPage> GetLogsAsync(LogQuery query);
}
