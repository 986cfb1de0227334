using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Workers;

/// <summary>
/// One worker, keyed by its worker id and placed on that worker's own silo, where it drives the local instance manager.
/// Failures come back as values, never as exceptions across the grain boundary.
/// </summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Prepares the image and takes the snapshot (or finds them cached); returns when instances can start.</summary>
    [ResponseTimeout("00:15:00")]
    Task<WorkerDeployResult> DeployAsync(WorkerFunction workerFunction);

    /// <summary>The progress of a running deploy of that worker-side function; null when none runs.</summary>
    Task<DeployProgress?> GetDeployProgressAsync(string tenant, string name);

    /// <summary>Starts an idle instance (deploying the function first when this worker does not have it, e.g. after a restart).</summary>
    [ResponseTimeout("00:15:00")]
    Task<InstanceStartResult> StartInstanceAsync(WorkerFunction workerFunction, bool restore);

    Task<bool> StopInstanceAsync(string instanceId);

    Task<IReadOnlyList<WorkerInstance>> ListInstancesAsync(string tenant, string name);

    /// <summary>Stops the function's instances and forgets it (its snapshot stays in the cache).</summary>
    Task<bool> RemoveFunctionAsync(string tenant, string name);

    Task<WorkerLogPage> GetLogsAsync(string tenant, string name, long afterSequence, DateTimeOffset? since);

    /// <summary>The digest of this worker's complete snapshot with the content key <paramref name="key"/>; null when it has none.</summary>
    Task<string?> GetSnapshotDigestAsync(string key);
}
