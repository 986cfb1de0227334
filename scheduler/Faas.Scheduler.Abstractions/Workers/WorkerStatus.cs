namespace Faas.Scheduler.Workers;

/// <summary>A registered worker and its last reported load.</summary>
/// <param name="Registration">What it announced.</param>
/// <param name="MemoryUsedMiB">Guest RAM of its live instances.</param>
/// <param name="Instances">Its live instances.</param>
/// <param name="LastHeartbeat">When it last reported.</param>
[GenerateSerializer, Immutable]
public sealed record WorkerStatus(
    [property: Id(0)] WorkerRegistration Registration,
    [property: Id(1)] int MemoryUsedMiB,
    [property: Id(2)] int Instances,
    [property: Id(3)] DateTimeOffset LastHeartbeat);
