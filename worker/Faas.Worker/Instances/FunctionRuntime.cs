using Faas.Guest.Protocol.Messages;
using Faas.Vmm;
using Faas.Worker.Functions;
using Faas.Worker.Images;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;

namespace Faas.Worker.Instances;

/// <summary>
/// One deployed function on this worker: its definition, its prepared image and snapshot, and its instances. Hands calls an
/// instance that has room (warm), else starts one (restore, else boot) while under the instance cap, else queues them briefly.
/// </summary>
internal sealed class FunctionRuntime
{
    private readonly Lock _gate = new();
    private readonly List<FunctionInstance> _instances = [];
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly InstanceStarter _starter;
    private readonly InstanceManagerOptions _options;
    private readonly TimeProvider _time;
    private bool _retired;

    public FunctionRuntime(
        FunctionDefinition definition,
        PreparedImage image,
        StartFunctionRequest startRequest,
        FunctionLog log,
        InstanceStarter starter,
        InstanceManagerOptions options,
        TimeProvider time)
    {
        Definition = definition;
        Image = image;
        StartRequest = startRequest;
        Log = log;
        _starter = starter;
        _options = options;
        _time = time;
        DeployedAt = time.GetUtcNow();
    }

    public FunctionDefinition Definition { get; }

    public FunctionKey Key => Definition.Key;

    public PreparedImage Image { get; }

    public StartFunctionRequest StartRequest { get; }

    public FunctionLog Log { get; }

    public DateTimeOffset DeployedAt { get; }

    /// <summary>The content key of the function's snapshot (computed even when it takes none).</summary>
    public string SnapshotKey { get; init; } = "";

    /// <summary>The snapshot new instances are restored from, when there is one.</summary>
    public StoredSnapshot? Snapshot { get; set; }

    public SnapshotStatus SnapshotStatus { get; set; } = SnapshotStatus.Disabled;

    public IReadOnlyList<InstanceInfo> Instances
    {
        get
        {
            lock (_gate)
            {
                return [.. _instances.Select(instance => instance.Describe())];
            }
        }
    }

    public bool Holds(string instanceId)
    {
        lock (_gate)
        {
            return _instances.Exists(instance => instance.Id == instanceId);
        }
    }

    public IMicroVm? FindVm(string instanceId)
    {
        lock (_gate)
        {
            return _instances.Find(instance => instance.Id == instanceId)?.Vm;
        }
    }

    /// <summary>An instance with room for one more call: warm when there is one, else a new one, else one that frees up within the queue timeout.</summary>
    public async Task<LeaseResult> AcquireAsync(CancellationToken cancellationToken)
    {
        var queuedUntil = _time.GetUtcNow() + _options.QueueTimeout;
        while (true)
        {
            FunctionInstance? reserved = null;
            TaskCompletionSource? turn = null;
            LinkedListNode<TaskCompletionSource>? queued = null;
            lock (_gate)
            {
                if (_retired)
                {
                    return new LeaseResult(LeaseStatus.NotDeployed, Error: $"function {Key} is not deployed on this worker");
                }

                if (FindRoom() is { } warm)
                {
                    warm.ActiveCalls++;
                    return new LeaseResult(LeaseStatus.Leased, new InstanceLease(this, warm, StartKind.Warm));
                }

                if (_instances.Count < Definition.MaxInstances)
                {
                    reserved = new FunctionInstance(InstanceIds.New(), Key, Snapshot is null ? StartKind.Boot : StartKind.Restore, _time.GetUtcNow()) { ActiveCalls = 1 };
                    _instances.Add(reserved);
                }
                else
                {
                    turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    queued = _waiters.AddLast(turn);
                }
            }

            if (reserved is not null)
            {
                return await StartReservedAsync(reserved, cancellationToken).ConfigureAwait(false);
            }

            var wait = queuedUntil - _time.GetUtcNow();
            var woken = false;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await turn!.Task.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
                    woken = true;
                }
            }
            catch (TimeoutException)
            {
                // Answered below.
            }
            finally
            {
                if (!woken)
                {
                    LeaveQueue(queued!);
                }
            }

            if (!woken)
            {
                return new LeaseResult(
                    LeaseStatus.AtCapacity,
                    Error: $"function {Key} has all of its {Definition.MaxInstances} instances busy and none freed up within {_options.QueueTimeout.TotalSeconds:0.###} s");
            }
        }
    }

    /// <summary>A hold on the given instance: its own start kind on its first call, warm after; InstanceGone when it is not ready here.</summary>
    public LeaseResult AcquireInstance(string instanceId)
    {
        lock (_gate)
        {
            var instance = _retired ? null : _instances.Find(candidate => candidate.Id == instanceId);
            if (instance is null || !instance.IsReady || instance.IsDead)
            {
                return new LeaseResult(LeaseStatus.InstanceGone, Error: $"instance {instanceId} of function {Key} is not running on this worker");
            }

            var start = instance.Calls == 0 && instance.ActiveCalls == 0 ? instance.Start : StartKind.Warm;
            instance.ActiveCalls++;
            return new LeaseResult(LeaseStatus.Leased, new InstanceLease(this, instance, start));
        }
    }

    /// <summary>Starts an instance now and leaves it idle (e.g. to keep one warm ahead of calls).</summary>
    public async Task<InstanceInfo> StartIdleAsync(StartKind kind, CancellationToken cancellationToken)
    {
        FunctionInstance instance;
        lock (_gate)
        {
            if (_retired)
            {
                throw new InvalidOperationException($"function {Key} is not deployed on this worker");
            }

            if (_instances.Count >= Definition.MaxInstances)
            {
                throw new InvalidOperationException($"function {Key} already has its maximum of {Definition.MaxInstances} instances");
            }

            instance = new FunctionInstance(InstanceIds.New(), Key, kind, _time.GetUtcNow()) { ActiveCalls = 1 };
            _instances.Add(instance);
        }

        var result = await StartReservedAsync(instance, cancellationToken).ConfigureAwait(false);
        if (!result.IsLeased)
        {
            throw new FunctionStartException(Key, result.Error ?? "it did not start", result.OutputTail);
        }

        lock (_gate)
        {
            instance.ActiveCalls--;
            WakeOne();
            return instance.Describe();
        }
    }

    /// <summary>Adds an instance that is already ready (the one a deploy booted when the function takes no snapshot).</summary>
    public void Adopt(FunctionInstance instance)
    {
        lock (_gate)
        {
            _instances.Add(instance);
        }

        Watch(instance);
    }

    public async Task ReleaseAsync(FunctionInstance instance, bool recycle)
    {
        bool remove;
        lock (_gate)
        {
            instance.ActiveCalls--;
            instance.Calls++;
            instance.LastUsedAt = _time.GetUtcNow();
            remove = recycle || instance.IsDead || _retired;
            if (remove)
            {
                _instances.Remove(instance);
            }

            WakeOne();
        }

        if (remove)
        {
            instance.MarkDead(recycle ? "recycled after a failed call" : _retired ? "its function was redeployed or removed" : "it died");
            await instance.KillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops one instance; its calls in flight fail.</summary>
    public async Task<bool> StopAsync(string instanceId)
    {
        FunctionInstance? instance;
        lock (_gate)
        {
            instance = _instances.Find(candidate => candidate.Id == instanceId);
            if (instance is null)
            {
                return false;
            }

            _instances.Remove(instance);
            WakeOne();
        }

        instance.MarkDead("it was stopped");
        await instance.KillAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops every instance now; calls in flight fail. The function stays deployed.</summary>
    public async Task<int> StopAllAsync()
    {
        FunctionInstance[] instances;
        lock (_gate)
        {
            instances = [.. _instances];
            _instances.Clear();
            WakeOne();
        }

        return await KillAsync(instances, "it was stopped").ConfigureAwait(false);
    }

    /// <summary>
    /// Takes no more calls (the function is being removed or replaced): idle instances stop now, busy ones once their calls end,
    /// or at once when <paramref name="drain"/> is false.
    /// </summary>
    public async Task RetireAsync(bool drain)
    {
        FunctionInstance[] stopping;
        lock (_gate)
        {
            _retired = true;
            stopping = [.. _instances.Where(instance => !drain || instance.ActiveCalls == 0)];
            foreach (var instance in stopping)
            {
                _instances.Remove(instance);
            }

            foreach (var waiter in _waiters)
            {
                waiter.TrySetResult();
            }

            _waiters.Clear();
        }

        await KillAsync(stopping, "its function was redeployed or removed").ConfigureAwait(false);
    }

    private static async Task<int> KillAsync(FunctionInstance[] instances, string reason)
    {
        foreach (var instance in instances)
        {
            instance.MarkDead(reason);
        }

        await Task.WhenAll(instances.Select(instance => instance.KillAsync())).ConfigureAwait(false);
        return instances.Length;
    }

    private FunctionInstance? FindRoom()
    {
        FunctionInstance? best = null;
        foreach (var instance in _instances)
        {
            if (instance.IsReady && !instance.IsDead && instance.ActiveCalls < Definition.MaxConcurrency
                && (best is null || instance.LastUsedAt > best.LastUsedAt))
            {
                best = instance;
            }
        }

        return best;
    }

    /// <summary>A waiter that gives up passes on a wake-up it may have been given meanwhile.</summary>
    private void LeaveQueue(LinkedListNode<TaskCompletionSource> queued)
    {
        lock (_gate)
        {
            if (queued.List is not null)
            {
                _waiters.Remove(queued);
            }
            else
            {
                WakeOne();
            }
        }
    }

    private void WakeOne()
    {
        if (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.TrySetResult();
        }
    }

    private async Task<LeaseResult> StartReservedAsync(FunctionInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            var started = await _starter.StartAsync(this, instance, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                instance.MarkReady(started, _time.GetUtcNow());
                WorkerMetrics.RecordStart(instance.Start, instance.StartMilliseconds ?? 0);
                if (_retired)
                {
                    instance.MarkDead("its function was redeployed or removed");
                }
            }

            Watch(instance);
            return new LeaseResult(LeaseStatus.Leased, new InstanceLease(this, instance, instance.Start));
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _instances.Remove(instance);
                WakeOne();
            }

            instance.MarkDead($"it did not start: {e.Message}");
            if (e is OperationCanceledException)
            {
                throw;
            }

            return e switch
            {
                FunctionStartException start => new LeaseResult(LeaseStatus.StartFailed, Error: start.Message, OutputTail: start.OutputTail),
                _ => new LeaseResult(LeaseStatus.StartFailed, Error: $"function {Key} did not start: {e.Message}"),
            };
        }
    }

    /// <summary>Removes the instance as soon as its VM or its function ends.</summary>
    private void Watch(FunctionInstance instance)
    {
        _ = Task.Run(async () =>
        {
            var reason = await InstanceWatch.WaitForEndAsync(instance.Started).ConfigureAwait(false);
            lock (_gate)
            {
                if (!instance.MarkDead(reason))
                {
                    return;
                }

                _instances.Remove(instance);
                WakeOne();
            }

            Log.Append(instance.Id, LogSource.Platform, $"instance ended: {reason}");
            await instance.KillAsync().ConfigureAwait(false);
        });
    }
}
