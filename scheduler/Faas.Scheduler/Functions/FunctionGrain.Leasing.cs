using System.Diagnostics;
using Faas.Scheduler.Metrics;
using Faas.Scheduler.Workers;

namespace Faas.Scheduler.Functions;

internal sealed partial class FunctionGrain
{
    /// <summary>How often a call that found no worker with room looks again (about a third of a worker's heartbeat interval).</summary>
    private static readonly TimeSpan RoomRetryInterval = TimeSpan.FromSeconds(1);

    public async Task<FunctionLease> LeaseAsync()
    {
        var asked = Stopwatch.GetTimestamp();
        var lease = await AcquireAsync(asked);
        SchedulerMetrics.RecordLease(lease.Status, Stopwatch.GetElapsedTime(asked));
        return lease;
    }

    public async Task ReleaseAsync(string leaseId, LeaseOutcome outcome)
    {
        if (leaseId is null || _pool.EndLease(leaseId) is not { } slot)
        {
            return;
        }

        // The call still counts on the instance while its worker is asked, so no other call is given an instance about to be dropped.
        if (outcome == LeaseOutcome.InstanceGone || (outcome == LeaseOutcome.InstanceFailed && !await StillRunsAsync(slot)))
        {
            Drop(slot);
            return;
        }

        slot.ActiveLeases = Math.Max(0, slot.ActiveLeases - 1);
        slot.LastUsedAt = Now;
        if (_pool.Contains(slot))
        {
            await AfterCallAsync(slot);
        }
    }

    /// <summary>
    /// An instance with room for the call: warm, else newly started under maxInstances, else one handed over from the queue.
    /// When no worker has room (a worker just died, or every worker is full), the call waits for room within the queue wait.
    /// </summary>
    private async Task<FunctionLease> AcquireAsync(long asked)
    {
        while (true)
        {
            if (Current is not { } version)
            {
                return new FunctionLease(LeaseStatus.NotFound, Error: $"function {_name} does not exist");
            }

            var spec = version.Spec;
            if (_pool.FindRoom(version.Version, spec.MaxConcurrency) is { } warm)
            {
                return Grant(warm, _pool.Lease(warm, Now));
            }

            var remaining = _options.QueueWait - Stopwatch.GetElapsedTime(asked);
            if (_pool.Count(version.Version) < spec.MaxInstances)
            {
                var started = await StartInstanceAsync(version, forCall: true);
                if (started.Slot is { } slot)
                {
                    return Grant(slot, _pool.Hold(slot, Now));
                }

                remaining = _options.QueueWait - Stopwatch.GetElapsedTime(asked);
                if (started.WorkerLost && remaining > TimeSpan.Zero)
                {
                    // The chosen worker is gone and forgotten: place the instance again, on another worker.
                    continue;
                }

                if (started.Failure!.Status != LeaseStatus.NoWorker || remaining <= TimeSpan.Zero || _pool.WaiterCount >= _options.QueueLength)
                {
                    return started.Failure;
                }

                // Room comes back when an instance stops or a worker reports: look again then, or after a short while.
                if (await WaitInQueueAsync(TimeSpan.FromTicks(Math.Min(remaining.Ticks, RoomRetryInterval.Ticks))) is { } freed)
                {
                    return freed;
                }

                continue;
            }

            if (_pool.WaiterCount >= _options.QueueLength || remaining <= TimeSpan.Zero)
            {
                return AtCapacity(spec);
            }

            if (await WaitInQueueAsync(remaining) is { } handed)
            {
                return handed;
            }

            if (Stopwatch.GetElapsedTime(asked) >= _options.QueueWait)
            {
                return AtCapacity(spec);
            }
        }
    }

    /// <summary>Waits in the queue for up to <paramref name="wait"/>: a lease on an instance handed over, or null to look again.</summary>
    private async Task<FunctionLease?> WaitInQueueAsync(TimeSpan wait)
    {
        var waiter = _pool.Enqueue();
        try
        {
            await waiter.Task.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            // Answered below: a hand-over may still have come in before this continuation ran.
        }

        if (!waiter.Task.IsCompleted)
        {
            _pool.LeaveQueue(waiter);
            return null;
        }

        if (waiter.Task.Result is not { } handed)
        {
            return null;
        }

        if (_pool.Contains(handed) && handed.Version == Current?.Version)
        {
            return Grant(handed, _pool.Hold(handed, Now));
        }

        handed.ActiveLeases = Math.Max(0, handed.ActiveLeases - 1);
        return null;
    }

    private FunctionLease Grant(InstanceSlot slot, string leaseId)
    {
        _invocations++;
        return new FunctionLease(
            LeaseStatus.Leased, leaseId, slot.WorkerId, _workerUrls.GetValueOrDefault(slot.WorkerId), FunctionKeys.OnWorker(_name, slot.Version), slot.Id, slot.Version);
    }

    private FunctionLease AtCapacity(FunctionSpec spec) =>
        new(LeaseStatus.AtCapacity, Error: $"function {_name} has all of its {spec.MaxInstances} instances busy and none freed up within {_options.QueueWait.TotalSeconds:0.###} s");

    /// <summary>
    /// Starts an instance of <paramref name="version"/>: restored on a worker that holds its snapshot, else on a worker with room
    /// (deployed there first when it lacks the version). For a call, the instance comes back with that call counted on it;
    /// otherwise it goes to a waiting call or stays idle.
    /// </summary>
    private async Task<StartOutcome> StartInstanceAsync(VersionState version, bool forCall)
    {
        var pending = _pool.BeginStart(version.Version);
        var ended = false;
        try
        {
            var workers = await ListWorkersAsync();
            if (WorkerPicker.ForInstance(workers, version, UnreportedMiB) is not { } choice)
            {
                return StartOutcome.Failed(LeaseStatus.NoWorker, NoRoom(workers, version.Spec.MemoryMiB));
            }

            var workerId = choice.Worker.Registration.WorkerId;
            pending.WorkerId = workerId;
            pending.MemoryMiB = version.Spec.MemoryMiB;
            var restore = choice.Restore;
            var newWorker = !version.Workers.Contains(workerId, StringComparer.Ordinal);
            var peer = !restore && newWorker ? await FindSnapshotPeerAsync(version, workerId, workers) : null;
            var function = new WorkerFunction(_tenant, version.WorkerName, version.Spec, peer);
            if (!restore && newWorker)
            {
                var deployed = await DeployOnWorkerAsync(workerId, function);
                if (deployed.Status != DeployStatus.Created)
                {
                    LogStartFailed(logger, _key, deployed.Error);
                    return StartOutcome.Failed(LeaseStatus.StartFailed, deployed.Error, deployed.OutputTail);
                }

                RecordSnapshot(version, workerId, deployed);
                restore = deployed.SnapshotState == "ready";
            }

            var result = await Worker(workerId).StartInstanceAsync(function, restore);
            if (!result.Started)
            {
                LogStartFailed(logger, _key, result.Error);
                return StartOutcome.Failed(LeaseStatus.StartFailed, result.Error ?? "the instance did not start", result.OutputTail);
            }

            var slot = new InstanceSlot(result.InstanceId!, workerId, version.Version, result.Start, version.Spec.MemoryMiB, Now)
            {
                ActiveLeases = forCall ? 1 : 0,
            };
            if (!state.State.Versions.Contains(version))
            {
                await StopAsync(slot);
                return StartOutcome.Failed(LeaseStatus.NotFound, $"function {_name} was removed");
            }

            _pool.Add(slot);
            _pool.EndStart(pending);
            ended = true;
            if (!forCall && version == Current)
            {
                _pool.TryHandOver(slot);
            }

            if (newWorker)
            {
                version.AddWorker(workerId);
                await PersistAsync();
            }

            return StartOutcome.Of(slot);
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            if (pending.WorkerId is { } lost && IsUnreachable(e))
            {
                await ForgetWorkerAsync(lost);
                return StartOutcome.Failed(LeaseStatus.StartFailed, $"worker {lost} cannot be reached") with { WorkerLost = true };
            }

            var error = $"worker {pending.WorkerId ?? "registry"} did not answer: {e.Message}";
            LogStartFailed(logger, _key, error);
            return StartOutcome.Failed(LeaseStatus.StartFailed, error);
        }
        finally
        {
            if (!ended)
            {
                _pool.EndStart(pending);
                _pool.WakeOne();
            }
        }
    }

    /// <summary>After a call: an instance of an old version stops once idle; one of the current version goes to a waiting call, or idles.</summary>
    private async Task AfterCallAsync(InstanceSlot slot)
    {
        if (slot.Version != Current?.Version)
        {
            if (slot.ActiveLeases == 0)
            {
                await StopAsync(slot);
                await FinishDrainsAsync();
            }

            return;
        }

        _pool.TryHandOver(slot);
    }

    /// <summary>Whether the worker still runs an instance a call failed on.</summary>
    private async Task<bool> StillRunsAsync(InstanceSlot slot)
    {
        try
        {
            var instances = await Worker(slot.WorkerId).ListInstancesAsync(_tenant, FunctionKeys.OnWorker(_name, slot.Version));
            return instances.Any(instance => instance.Id == slot.Id && instance.State != "dead");
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            if (IsUnreachable(e))
            {
                await ForgetWorkerAsync(slot.WorkerId);
            }

            return false;
        }
    }

    /// <summary>Forgets an instance that is gone; its place under maxInstances goes to a waiting call.</summary>
    private void Drop(InstanceSlot slot)
    {
        if (_pool.Remove(slot))
        {
            _pool.WakeOne();
        }
    }

    private async Task StopAsync(InstanceSlot slot)
    {
        _pool.BeginStop(slot);
        try
        {
            await Worker(slot.WorkerId).StopInstanceAsync(slot.Id);
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            LogSyncFailed(logger, _key, e.Message);
        }
        finally
        {
            _pool.EndStop(slot);
        }
    }

    /// <summary>A started instance, or the lease answer that says why none started.</summary>
    private sealed record StartOutcome(InstanceSlot? Slot, FunctionLease? Failure)
    {
        /// <summary>The chosen worker could not be reached and was forgotten; another may take the instance.</summary>
        public bool WorkerLost { get; init; }

        public static StartOutcome Of(InstanceSlot slot) => new(slot, null);

        public static StartOutcome Failed(LeaseStatus status, string? error, string? outputTail = null) =>
            new(null, new FunctionLease(status, Error: error, OutputTail: outputTail));
    }
}
