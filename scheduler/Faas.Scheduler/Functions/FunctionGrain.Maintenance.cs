using Faas.Scheduler.Workers;

namespace Faas.Scheduler.Functions;

internal sealed partial class FunctionGrain
{
    /// <summary>A lease older than the call's timeout by this much belongs to a call whose release was lost.</summary>
    private static readonly TimeSpan LeaseGrace = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan AdoptionWindow = TimeSpan.FromMinutes(1);

    private int _quietTicks;

    /// <summary>Every reap interval: reconcile with the workers, reap idle instances, keep minInstances, finish drains, write the count.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is null)
        {
            // A name that is no function (a call to an unknown name, a function just removed) keeps no activation, nor its
            // timer, for the collection age: calls to random names must not pile up grains.
            if (_deploy is null && _pool.IsIdle)
            {
                DeactivateOnIdle();
            }

            return;
        }

        try
        {
            ExpireLostLeases();
            if (NeedsSync())
            {
                await SyncWithWorkersAsync();
            }

            await ReapAsync();
            await KeepMinimumAsync();
            await FinishDrainsAsync();
            if (_invocations != state.State.Invocations && Now - _lastWrite >= _options.InvocationFlushInterval)
            {
                await PersistAsync();
            }
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            LogSyncFailed(logger, _key, e.Message);
        }
        finally
        {
            // Deactivating now would orphan the running instances (no one would reap them) and drop the waiting calls.
            if (!_pool.IsIdle || state.State.Spec?.MinInstances > 0 || state.State.Versions.Exists(version => version.Draining))
            {
                DelayDeactivation(_options.ReapInterval * 4 + TimeSpan.FromSeconds(30));
            }
        }
    }

    /// <summary>
    /// Whether to ask the workers this tick: always while there are instances to watch; otherwise (only instances to adopt could
    /// turn up, e.g. workers that announce themselves late after a restart) during the first minute, then every tenth tick.
    /// </summary>
    private bool NeedsSync() =>
        !_pool.IsIdle
        || state.State.Spec?.MinInstances > 0
        || state.State.Versions.Exists(version => version.Draining)
        || Now - _activatedAt < AdoptionWindow
        || ++_quietTicks % 10 == 0;

    private void ExpireLostLeases()
    {
        var longest = state.State.Versions.Select(version => version.Spec.Timeout).DefaultIfEmpty(TimeSpan.Zero).Max();
        foreach (var leaseId in _pool.LeasesBefore(Now - longest - _options.QueueWait - LeaseGrace))
        {
            if (_pool.EndLease(leaseId) is { } slot)
            {
                slot.ActiveLeases = Math.Max(0, slot.ActiveLeases - 1);
            }
        }
    }

    /// <summary>
    /// Asks every live worker (and every worker that has instances here) for the instances of every version: forgets those a
    /// worker no longer runs, and adopts those it runs that this grain does not know (after a restart of the scheduler).
    /// </summary>
    private async Task SyncWithWorkersAsync()
    {
        var workers = await ListWorkersAsync();
        var alive = workers.Select(worker => worker.Registration.WorkerId).ToHashSet(StringComparer.Ordinal);
        var asked = Now;
        var versions = state.State.Versions.ToList();
        var workerIds = alive.Union(_pool.Slots.Select(slot => slot.WorkerId)).ToList();
        var listings = await Task.WhenAll(workerIds.SelectMany(workerId => versions.Select(version => ListAsync(workerId, version))));
        foreach (var (workerId, version, instances) in listings)
        {
            if (instances is null && alive.Contains(workerId))
            {
                continue;
            }

            var running = (instances ?? []).Where(instance => instance.State != "dead").ToDictionary(instance => instance.Id, StringComparer.Ordinal);
            foreach (var slot in _pool.Slots.Where(slot => slot.WorkerId == workerId && slot.Version == version.Version && slot.AddedAt < asked && !running.ContainsKey(slot.Id)).ToList())
            {
                Drop(slot);
            }

            if (!state.State.Versions.Contains(version) || _pool.HasPending(workerId, version.Version))
            {
                continue;
            }

            foreach (var instance in running.Values.Where(instance => instance.State != "starting" && !_pool.Knows(instance.Id)))
            {
                var slot = new InstanceSlot(instance.Id, workerId, version.Version, instance.Start, instance.MemoryMiB > 0 ? instance.MemoryMiB : version.Spec.MemoryMiB, asked)
                {
                    LastUsedAt = instance.LastUsedAt ?? asked,
                };
                _pool.Add(slot);
                version.AddWorker(workerId);
                if (version == Current)
                {
                    _pool.TryHandOver(slot);
                }
            }
        }
    }

    private async Task<(string WorkerId, VersionState Version, IReadOnlyList<WorkerInstance>? Instances)> ListAsync(string workerId, VersionState version)
    {
        try
        {
            return (workerId, version, await Worker(workerId).ListInstancesAsync(_tenant, version.WorkerName));
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            return (workerId, version, null);
        }
    }

    /// <summary>Stops instances of the current version idle longer than keepAlive, oldest first, never going below minInstances.</summary>
    private async Task ReapAsync()
    {
        if (Current is not { } current)
        {
            return;
        }

        var spec = current.Spec;
        var live = _pool.Slots.Where(slot => slot.Version == current.Version).ToList();
        var now = Now;
        var expired = live
            .Where(slot => slot.ActiveLeases == 0 && now - slot.LastUsedAt >= spec.KeepAlive)
            .OrderBy(slot => slot.LastUsedAt)
            .Take(Math.Max(0, live.Count - spec.MinInstances))
            .ToList();
        foreach (var slot in expired)
        {
            _pool.BeginStop(slot);
        }

        await Task.WhenAll(expired.Select(StopAsync));
    }

    private async Task KeepMinimumAsync()
    {
        if (Current is not { } current)
        {
            return;
        }

        var missing = Math.Min(current.Spec.MinInstances, current.Spec.MaxInstances) - _pool.Count(current.Version);
        if (missing > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, missing).Select(_ => StartInstanceAsync(current, forCall: false)));
        }
    }

    /// <summary>Stops idle instances of draining versions; a version with none left is removed from its workers and retired.</summary>
    private async Task FinishDrainsAsync()
    {
        var retired = false;
        foreach (var version in state.State.Versions.Where(version => version.Draining).ToList())
        {
            var idle = _pool.Slots.Where(slot => slot.Version == version.Version && slot.ActiveLeases == 0).ToList();
            foreach (var slot in idle)
            {
                _pool.BeginStop(slot);
            }

            await Task.WhenAll(idle.Select(StopAsync));
            if (_pool.Slots.Any(slot => slot.Version == version.Version) || _pool.HasPending(version.Version))
            {
                continue;
            }

            await Task.WhenAll(version.Workers.Union(version.Snapshots.Keys).Select(workerId => RemoveFromWorkerAsync(workerId, version.WorkerName)));
            if (state.State.Versions.Remove(version))
            {
                state.State.Retired.Add(new RetiredVersion { Version = version.Version, WorkerName = version.WorkerName, Workers = [.. version.Workers] });
                state.State.Retired.RemoveRange(0, Math.Max(0, state.State.Retired.Count - RetiredVersionsKept));
                retired = true;
            }
        }

        if (retired)
        {
            await PersistAsync();
        }
    }
}
