using Faas.Worker.Instances;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;

namespace Faas.Scheduler.Workers;

/// <summary>The lower-case words the scheduler's records use for the worker's states, start kinds and streams.</summary>
internal static class WorkerNames
{
    public static string Snapshot(SnapshotState state) => state switch
    {
        SnapshotState.Ready => "ready",
        SnapshotState.Creating => "creating",
        SnapshotState.Failed => "failed",
        _ => "disabled",
    };

    public static string Start(StartKind kind) => kind switch
    {
        StartKind.Restore => "restore",
        StartKind.Boot => "boot",
        _ => "warm",
    };

    public static string Stream(LogSource source) => source switch
    {
        LogSource.Stdout => "stdout",
        LogSource.Stderr => "stderr",
        _ => "platform",
    };

    public static string State(InstanceState state) => state switch
    {
        InstanceState.Starting => "starting",
        InstanceState.Idle => "idle",
        InstanceState.Busy => "busy",
        _ => "dead",
    };

    public static WorkerInstance Describe(InstanceInfo instance, int memoryMiB) =>
        new(instance.Id, instance.Function.Name, State(instance.State), Start(instance.Start), instance.ActiveCalls, instance.LastUsedAt ?? instance.ReadyAt, memoryMiB);
}
