namespace Faas.Scheduler.Functions;

/// <summary>One live instance of a function.</summary>
/// <param name="Id">The instance id (X-Faas-Instance).</param>
/// <param name="WorkerId">The worker whose VM it is.</param>
/// <param name="Version">The function version it runs.</param>
/// <param name="State">"starting", "idle", "busy" or "draining".</param>
/// <param name="Start">"boot" or "restore".</param>
/// <param name="ActiveCalls">Calls it serves now.</param>
/// <param name="LastUsedAt">When its last call ended, or it became ready.</param>
[GenerateSerializer, Immutable]
public sealed record InstanceDescription(
    [property: Id(0)] string Id,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] int Version,
    [property: Id(3)] string State,
    [property: Id(4)] string Start,
    [property: Id(5)] int ActiveCalls,
    [property: Id(6)] DateTimeOffset LastUsedAt);
