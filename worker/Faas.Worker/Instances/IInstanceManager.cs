using Faas.Worker.Functions;
using Faas.Worker.Images;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;

namespace Faas.Worker.Instances;

/// <summary>
/// A worker's functions and their micro-VM instances: deploys (image and snapshot ready before it returns), starts instances by
/// restore or boot, hands calls an instance, stops instances, and keeps each function's logs.
/// </summary>
public interface IInstanceManager : IAsyncDisposable
{
    /// <summary>
    /// Deploys a function (or replaces its definition): prepares its image, boots it once to ready and, unless it asked for
    /// none, snapshots that VM (which then stops), so the first call is already a restore. With a
    /// <see cref="FunctionDefinition.SnapshotSource"/> for the same snapshot key, fetches the snapshot from that peer instead (no VM is
    /// booted), falling back to taking it here. Deploying the same definition again returns at once.
    /// </summary>
    /// <exception cref="ArgumentException">The definition is invalid.</exception>
    /// <exception cref="ImageException">The image cannot be used.</exception>
    /// <exception cref="FunctionStartException">The function did not boot, exited, or never became ready.</exception>
    Task<FunctionStatus> DeployAsync(
        FunctionDefinition definition,
        RegistryCredentials? credentials = null,
        IProgress<DeployStep>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a function and stops its instances. False when it was not deployed.</summary>
    Task<bool> RemoveAsync(FunctionKey key, CancellationToken cancellationToken = default);

    FunctionStatus? GetFunction(FunctionKey key);

    IReadOnlyList<FunctionStatus> ListFunctions();

    /// <summary>Whether new instances of the function are restored, and from which snapshot; null when it is not deployed.</summary>
    SnapshotStatus? GetSnapshotStatus(FunctionKey key);

    /// <summary>
    /// The digest (<c>sha256:HEX</c>) of this worker's complete snapshot with this content key, computed once and cached; null when it
    /// has none. A peer given it fetches that snapshot from here and checks what it received against it.
    /// </summary>
    Task<string?> GetSnapshotDigestAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// An instance for one call: an idle one, else a new one (restored from the snapshot, else booted) while under the function's
    /// instance cap, else one that frees up within the queue timeout. Failures are values.
    /// </summary>
    Task<LeaseResult> AcquireAsync(FunctionKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A hold on one given instance (chosen by the scheduler) for one call; <see cref="LeaseStatus.InstanceGone"/> when it is not
    /// here or dead. The lease's start kind is the instance's own (restore or boot) on its first call, warm after. The instance's
    /// concurrency limit is not enforced here: whoever chose it counts its calls.
    /// </summary>
    LeaseResult AcquireInstance(FunctionKey key, string instanceId);

    /// <summary>Starts an instance ahead of calls and leaves it idle.</summary>
    /// <param name="key">The function.</param>
    /// <param name="kind">Restore (needs a snapshot) or boot.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <exception cref="InvalidOperationException">The function is not deployed, has no snapshot to restore, or is at its instance cap.</exception>
    /// <exception cref="FunctionStartException">The instance did not start.</exception>
    Task<InstanceInfo> StartInstanceAsync(FunctionKey key, StartKind kind, CancellationToken cancellationToken = default);

    /// <summary>Stops one instance; calls in flight on it fail. False when there is no such instance.</summary>
    Task<bool> StopInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Stops every instance of a function (it stays deployed). Returns how many were stopped.</summary>
    Task<int> StopInstancesAsync(FunctionKey key, CancellationToken cancellationToken = default);

    /// <summary>Instances of one function, or of all.</summary>
    IReadOnlyList<InstanceInfo> ListInstances(FunctionKey? key = null);

    /// <summary>The last lines the function's instances wrote (and the worker's lines about them), oldest first, optionally only those after a time or a sequence number.</summary>
    IReadOnlyList<LogLine> GetLogs(FunctionKey key, DateTimeOffset? since = null, long afterSequence = 0);
}
