namespace Faas.Scheduler.Workers;

/// <summary>A worker that holds a function's snapshot, from which another worker may fetch it instead of taking its own.</summary>
/// <param name="WorkerUrl">The holder's HTTP endpoint (its snapshot files are under <c>/_faas/snapshots/{key}</c>).</param>
/// <param name="Key">The snapshot's content key.</param>
/// <param name="Digest">The digest of the holder's files, as the holder reported it to the scheduler; the fetch must match it.</param>
[GenerateSerializer, Immutable]
public sealed record SnapshotPeer(
    [property: Id(0)] string WorkerUrl,
    [property: Id(1)] string Key,
    [property: Id(2)] string Digest);
