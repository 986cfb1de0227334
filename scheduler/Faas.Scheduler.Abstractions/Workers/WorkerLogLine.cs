namespace Faas.Scheduler.Workers;

/// <summary>One log line as the worker keeps it.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerLogLine(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string InstanceId,
    [property: Id(3)] string Stream,
    [property: Id(4)] string Text);
