using System.Diagnostics;
using Faas.Vmm;
using Faas.Vmm.Agent;
using Faas.Worker.Functions;
using Faas.Worker.Logs;

namespace Faas.Worker.Instances;

/// <summary>One micro-VM running one function of one tenant. Its counters are guarded by the owning <see cref="FunctionRuntime"/>'s lock.</summary>
internal sealed class FunctionInstance
{
    private readonly TaskCompletionSource<string> _death = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _sinceCreated = Stopwatch.StartNew();
    private StartedVm? _started;
    private StartedVm? _toKill;
    private int _killRequested;

    public FunctionInstance(string id, FunctionKey function, StartKind start, DateTimeOffset createdAt)
    {
        Id = id;
        Function = function;
        Start = start;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public FunctionKey Function { get; }

    public StartKind Start { get; set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? ReadyAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public double? StartMilliseconds { get; private set; }

    public int ActiveCalls { get; set; }

    public long Calls { get; set; }

    public IMicroVm? Vm => _started?.Vm;

    public bool IsReady => _started is not null;

    public bool IsDead => _death.Task.IsCompleted;

    /// <summary>Completes with the reason once the instance is dead.</summary>
    public Task<string> Death => _death.Task;

    public StartedVm Started => _started ?? throw new InvalidOperationException($"instance {Id} is not started");

    public InstanceState State => IsDead ? InstanceState.Dead
        : !IsReady ? InstanceState.Starting
        : ActiveCalls > 0 ? InstanceState.Busy
        : InstanceState.Idle;

    public InstanceInfo Describe() => new(Id, Function, State, Start, Vm?.Id, CreatedAt, ReadyAt, LastUsedAt, ActiveCalls, Calls, StartMilliseconds);

    /// <summary>Records the started VM; when the instance was killed meanwhile, the VM is stopped at once.</summary>
    public void MarkReady(StartedVm started, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(started);
        _started = started;
        ReadyAt = now;
        LastUsedAt = now;
        StartMilliseconds = _sinceCreated.Elapsed.TotalMilliseconds;
        Volatile.Write(ref _toKill, started);
        if (Volatile.Read(ref _killRequested) == 1)
        {
            _ = KillAsync();
        }
    }

    /// <summary>Records why the instance ended; the first reason wins.</summary>
    /// <returns>true when this call made it dead.</returns>
    public bool MarkDead(string reason) => _death.TrySetResult(reason);

    /// <summary>
    /// Stops its VM at once (nothing in it needs saving: the root is read-only, writes live in guest memory), or as soon as it is
    /// started when it is still starting. Idempotent.
    /// </summary>
    public async Task KillAsync()
    {
        Volatile.Write(ref _killRequested, 1);
        if (Interlocked.Exchange(ref _toKill, null) is { } started)
        {
            await started.Vm.DisposeAsync().ConfigureAwait(false);
            started.Output.Flush();
        }
    }
}
