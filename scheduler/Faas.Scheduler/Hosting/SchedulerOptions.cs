namespace Faas.Scheduler.Hosting;

/// <summary>How the scheduler's grains queue calls, reap instances and judge workers alive, and where the file store keeps state.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The grain storage provider name every scheduler grain keeps its state under.</summary>
    public const string StorageName = "faas";

    /// <summary>
    /// Where the file store keeps grain state (one JSON file per grain). Used only when the host registers no other storage
    /// provider under <see cref="StorageName"/>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Calls one function may have waiting for an instance when it is at its maxInstances; more get AtCapacity at once.</summary>
    public int QueueLength { get; set; } = 100;

    /// <summary>How long a call waits in that queue before it gets AtCapacity.</summary>
    public TimeSpan QueueWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a function reaps idle instances, keeps minInstances, reconciles with its workers and finishes drains.</summary>
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A worker that has not reported for this long is no longer given instances (3 of its heartbeat intervals).</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(9);

    /// <summary>How often a function's invocation count is written when it changed (it is not written on every call).</summary>
    public TimeSpan InvocationFlushInterval { get; set; } = TimeSpan.FromSeconds(15);
}
