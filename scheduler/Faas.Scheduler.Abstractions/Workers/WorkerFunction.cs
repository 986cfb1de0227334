using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Workers;

/// <summary>One version of a function as a worker runs it.</summary>
/// <param name="Tenant">The owning tenant.</param>
/// <param name="Name">The worker-side name, <see cref="FunctionKeys.OnWorker"/>.</param>
/// <param name="Spec">The version's spec.</param>
/// <param name="Peer">A worker the snapshot may be fetched from when this worker lacks it; null: take it here.</param>
[GenerateSerializer, Immutable]
public sealed record WorkerFunction(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Name,
    [property: Id(2)] FunctionSpec Spec,
    [property: Id(3)] SnapshotPeer? Peer = null);
