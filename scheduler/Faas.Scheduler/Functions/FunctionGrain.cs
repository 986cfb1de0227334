using Faas.Scheduler.Hosting;
using Faas.Scheduler.Metrics;
using Faas.Scheduler.Tenants;
using Faas.Scheduler.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Faas.Scheduler.Functions;

/// <summary>
/// One function of one tenant: its versions (persisted), its live instances and waiting calls (in memory). Reentrant, so a call
/// waiting for an instance or a deploy in progress does not hold up the others; every state change happens between awaits.
/// </summary>
[Reentrant]
[GrainType("faas.function")]
internal sealed partial class FunctionGrain(
    [PersistentState("function", SchedulerOptions.StorageName)] IPersistentState<FunctionState> state,
    IOptions<SchedulerOptions> options,
    ILogger<FunctionGrain> logger)
    : Grain, IFunctionGrain
{
    private const int RetiredVersionsKept = 10;

    private readonly SchedulerOptions _options = options.Value;
    private readonly InstancePool _pool = new();
    private readonly TurnGate _deploys = new();
    private readonly TurnGate _writes = new();
    private readonly Dictionary<string, string> _workerUrls = new(StringComparer.Ordinal);
    private string _key = "";
    private string _tenant = "";
    private string _name = "";
    private long _invocations;
    private DateTimeOffset _lastWrite;
    private DateTimeOffset _activatedAt;
    private RunningDeploy? _deploy;

    /// <summary>The version that takes new calls; null when the function does not exist.</summary>
    private VersionState? Current =>
        state.State.Spec is null ? null : state.State.Versions.Find(version => version.Version == state.State.Version);

    private IWorkerRegistryGrain Registry => GrainFactory.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);

    private IWorkerGrain Worker(string workerId) => GrainFactory.GetGrain<IWorkerGrain>(workerId);

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        var slash = _key.IndexOf('/', StringComparison.Ordinal);
        (_tenant, _name) = slash < 0 ? ("", _key) : (_key[..slash], _key[(slash + 1)..]);
        _invocations = state.State.Invocations;
        _lastWrite = _activatedAt = Now;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(_options.ReapInterval, _options.ReapInterval));
        if (state.State.Spec is null)
        {
            return;
        }

        try
        {
            // Instances the workers still run (after this silo or the whole scheduler restarted) are adopted, not orphaned.
            await SyncWithWorkersAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            LogSyncFailed(logger, _key, e.Message);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Spec is not null && _invocations != state.State.Invocations)
        {
            try
            {
                await PersistAsync();
            }
            catch (Exception e) when (IsCallFailure(e))
            {
                LogSyncFailed(logger, _key, e.Message);
            }
        }
    }

    public async Task<DeployResult> DeployAsync(FunctionSpec spec, DeployMode mode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await _deploys.EnterAsync();
        try
        {
            var result = await DeployLockedAsync(spec, mode);
            SchedulerMetrics.RecordDeploy(result.Status);
            return result;
        }
        finally
        {
            _deploy = null;
            _deploys.Exit();
        }
    }

    public async Task<DeployProgress?> GetDeployProgressAsync()
    {
        if (_deploy is not { } deploy)
        {
            return null;
        }

        if (deploy.WorkerId is { } workerId)
        {
            try
            {
                if (await Worker(workerId).GetDeployProgressAsync(_tenant, FunctionKeys.OnWorker(_name, deploy.Version)) is { } progress)
                {
                    return progress with { Version = deploy.Version };
                }
            }
            catch (Exception e) when (IsCallFailure(e))
            {
                LogSyncFailed(logger, _key, e.Message);
            }
        }

        return deploy.Progress;
    }

    public Task<FunctionDescription?> DescribeAsync() => Task.FromResult(Describe());

    public async Task<bool> RemoveAsync()
    {
        await _deploys.EnterAsync();
        try
        {
            if (state.State.Spec is null)
            {
                return false;
            }

            var versions = state.State.Versions.ToList();
            var slots = _pool.Slots.ToList();
            state.State.Spec = null;
            foreach (var slot in slots)
            {
                _pool.BeginStop(slot);
            }

            _pool.Clear();
            await Task.WhenAll(slots.Select(StopAsync));
            await Task.WhenAll(versions.SelectMany(version => version.Workers.Union(version.Snapshots.Keys).Select(workerId => RemoveFromWorkerAsync(workerId, version.WorkerName))));
            await GrainFactory.GetGrain<ITenantGrain>(_tenant).RemoveFunctionAsync(_name);
            await _writes.EnterAsync();
            try
            {
                await state.ClearStateAsync();
            }
            finally
            {
                _writes.Exit();
            }

            _invocations = 0;
            return true;
        }
        finally
        {
            _deploys.Exit();
        }
    }

    private async Task<DeployResult> DeployLockedAsync(FunctionSpec spec, DeployMode mode)
    {
        var current = Current;
        if (current is null && mode == DeployMode.Update)
        {
            return new DeployResult(DeployStatus.NotFound, Error: $"function {_name} does not exist");
        }

        if (current is not null && FunctionSpecs.AreEqual(current.Spec, spec))
        {
            return new DeployResult(DeployStatus.Unchanged, Describe());
        }

        if (current is not null && mode == DeployMode.Create)
        {
            return new DeployResult(DeployStatus.Conflict, Describe(), $"function {_name} already exists with another spec");
        }

        var began = Now;
        var version = (current?.Version ?? 0) + 1;
        var workerName = FunctionKeys.OnWorker(_name, version);
        _deploy = new RunningDeploy(version, null, new DeployProgress(DeployPhase.Queued, Version: version));
        var workers = await ListWorkersAsync();
        var holders = state.State.Versions.SelectMany(known => known.Workers.Concat(known.Snapshots.Keys)).ToHashSet(StringComparer.Ordinal);
        // This function's idle instances count as room: they are stopped to make way when a worker is otherwise full.
        if (WorkerPicker.ForDeploy(workers, spec.MemoryMiB, holders, worker => UnreportedMiB(worker) - IdleMiB(worker.Registration.WorkerId)) is not { } worker)
        {
            return new DeployResult(DeployStatus.NoWorker, Describe(), NoRoom(workers, spec.MemoryMiB));
        }

        var workerId = worker.Registration.WorkerId;
        await MakeRoomAsync(worker, spec.MemoryMiB);
        _deploy = _deploy with { WorkerId = workerId, Progress = new DeployProgress(DeployPhase.Resolving, Version: version) };
        var deployed = await DeployOnWorkerAsync(workerId, new WorkerFunction(_tenant, workerName, spec));
        if (deployed.Status != DeployStatus.Created)
        {
            LogDeployFailed(logger, _key, version, workerId, deployed.Error);
            return new DeployResult(deployed.Status, Describe(), deployed.Error, deployed.OutputTail);
        }

        var next = new VersionState
        {
            Version = version,
            WorkerName = workerName,
            Spec = spec,
            ImageDigest = deployed.ImageDigest ?? "",
            SnapshotState = deployed.SnapshotState ?? "disabled",
            DeployedAt = Now,
            Workers = [workerId],
        };
        RecordSnapshot(next, workerId, deployed);
        ShareSnapshots(next, deployed.SnapshotKey);
        var created = current is null;
        if (created)
        {
            state.State.CreatedAt = began;
            state.State.Retired.Clear();
            _invocations = 0;
        }
        else
        {
            current!.Draining = true;
        }

        state.State.Versions.Add(next);
        state.State.Spec = spec;
        state.State.Version = version;
        await PersistAsync();
        if (created)
        {
            await GrainFactory.GetGrain<ITenantGrain>(_tenant).AddFunctionAsync(_name);
        }

        // Calls waiting for the old version's instances look again: the new version has its own maxInstances.
        _pool.WakeAll();
        await FinishDrainsAsync();
        return new DeployResult(created ? DeployStatus.Created : DeployStatus.Updated, Describe());
    }

    private int IdleMiB(string workerId) => _pool.Slots.Where(slot => slot.WorkerId == workerId && slot.ActiveLeases == 0).Sum(slot => slot.MemoryMiB);

    /// <summary>Stops this function's idle instances on <paramref name="worker"/>, least recently used first, until it has <paramref name="memoryMiB"/> free.</summary>
    private async Task MakeRoomAsync(WorkerStatus worker, int memoryMiB)
    {
        var shortfall = memoryMiB - (worker.Registration.MemoryCapacityMiB - worker.MemoryUsedMiB - UnreportedMiB(worker));
        var victims = new List<InstanceSlot>();
        foreach (var slot in _pool.Slots.Where(slot => slot.WorkerId == worker.Registration.WorkerId && slot.ActiveLeases == 0).OrderBy(slot => slot.LastUsedAt))
        {
            if (shortfall <= 0)
            {
                break;
            }

            victims.Add(slot);
            shortfall -= slot.MemoryMiB;
        }

        foreach (var slot in victims)
        {
            _pool.BeginStop(slot);
        }

        await Task.WhenAll(victims.Select(StopAsync));
    }

    private async Task<WorkerDeployResult> DeployOnWorkerAsync(string workerId, WorkerFunction function)
    {
        try
        {
            return await Worker(workerId).DeployAsync(function);
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            return new WorkerDeployResult(DeployStatus.NoWorker, Error: $"worker {workerId} did not answer: {e.Message}");
        }
    }

    private static void RecordSnapshot(VersionState version, string workerId, WorkerDeployResult deployed)
    {
        if (deployed.SnapshotState == "ready" && deployed.SnapshotKey is { } key)
        {
            version.Snapshots[workerId] = key;
        }
    }

    /// <summary>Workers that hold an earlier version's snapshot with the same content key hold this version's too.</summary>
    private void ShareSnapshots(VersionState version, string? snapshotKey)
    {
        if (snapshotKey is null || version.SnapshotState != "ready")
        {
            return;
        }

        foreach (var (workerId, key) in state.State.Versions.SelectMany(known => known.Snapshots))
        {
            if (key == snapshotKey)
            {
                version.Snapshots.TryAdd(workerId, key);
            }
        }
    }

    private FunctionDescription? Describe()
    {
        if (Current is not { } current)
        {
            return null;
        }

        var instances = _pool.Slots
            .OrderBy(slot => slot.Version)
            .ThenBy(slot => slot.AddedAt)
            .Select(slot => new InstanceDescription(
                slot.Id,
                slot.WorkerId,
                slot.Version,
                slot.Version != current.Version ? "draining" : slot.ActiveLeases > 0 ? "busy" : "idle",
                slot.Start,
                slot.ActiveLeases,
                slot.LastUsedAt))
            .ToList();
        return new FunctionDescription(
            _tenant, _name, current.Version, current.Spec, current.ImageDigest, current.SnapshotState, current.DeployedAt, instances, _invocations);
    }

    private async Task<IReadOnlyList<WorkerStatus>> ListWorkersAsync()
    {
        var workers = await Registry.ListAsync();
        foreach (var worker in workers)
        {
            _workerUrls[worker.Registration.WorkerId] = worker.Registration.Url;
        }

        return workers;
    }

    private int UnreportedMiB(WorkerStatus worker) => _pool.UnreportedMiB(worker.Registration.WorkerId, worker.LastHeartbeat);

    private static string NoRoom(IReadOnlyList<WorkerStatus> workers, int memoryMiB) =>
        workers.Count == 0 ? "no worker is registered" : $"no worker has {memoryMiB} MiB of guest memory free";

    private async Task PersistAsync()
    {
        await _writes.EnterAsync();
        try
        {
            if (state.State.Spec is null)
            {
                return;
            }

            state.State.Invocations = _invocations;
            await state.WriteStateAsync();
            _lastWrite = Now;
        }
        finally
        {
            _writes.Exit();
        }
    }

    private async Task RemoveFromWorkerAsync(string workerId, string workerName)
    {
        try
        {
            await Worker(workerId).RemoveFunctionAsync(_tenant, workerName);
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            LogSyncFailed(logger, _key, e.Message);
        }
    }

    /// <summary>A grain call that failed for reasons of the cluster (silo gone, timeout), not of this grain's logic.</summary>
    private static bool IsCallFailure(Exception e) => e is OrleansException or TimeoutException or IOException or InvalidOperationException;

    /// <summary>The deploy in progress: its version, its worker once chosen, and its last known step.</summary>
    private sealed record RunningDeploy(int Version, string? WorkerId, DeployProgress Progress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "function {Function}: could not reach its workers: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "function {Function}: deploy of version {Version} on worker {WorkerId} failed: {Reason}")]
    private static partial void LogDeployFailed(ILogger logger, string function, int version, string workerId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "function {Function}: could not start an instance: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string function, string? reason);
}
