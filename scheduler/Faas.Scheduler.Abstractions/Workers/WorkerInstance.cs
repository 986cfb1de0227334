namespace Faas.Scheduler.Workers;

/// <summary>An instance as its worker sees it.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Function">The worker-side function name.</param>
/// <param name="State">"starting", "idle", "busy" or "dead".</param>
/// <param name="Start">"boot" or "restore".</param>
/// <param name="ActiveCalls">Calls it serves now.</param>
/// <param name="LastUsedAt">When its last call ended, or it became ready.</param>
/// <param name="MemoryMiB">Its guest RAM.</param>
[GenerateSerializer, Immutable]
public sealed record WorkerInstance(
    [property: Id(0)] string Id,
    [property: Id(1)] string Function,
    [property: Id(2)] string State,
    [property: Id(3)] string Start,
    [property: Id(4)] int ActiveCalls,
    [property: Id(5)] DateTimeOffset? LastUsedAt,
    [property: Id(6)] int MemoryMiB);
