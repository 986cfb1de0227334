namespace Faas.Scheduler.Workers;

/// <summary>Log lines of one worker-side function after a sequence number, and the last sequence number returned.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerLogPage(
    [property: Id(0)] IReadOnlyList<WorkerLogLine> Lines,
    [property: Id(1)] long LastSequence);
