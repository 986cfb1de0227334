using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Workers;

/// <summary>A worker's answer to a deploy: the image digest and snapshot state, or why it failed.</summary>
/// <param name="Status">Created (deployed now or already), ImageFailed or StartFailed.</param>
/// <param name="ImageDigest">The manifest digest the image resolved to.</param>
/// <param name="SnapshotState">"ready", "failed" or "disabled".</param>
/// <param name="SnapshotKey">The snapshot's content key; equal keys on two workers mean interchangeable snapshots.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="OutputTail">For a start failure: the function's last lines of output.</param>
[GenerateSerializer, Immutable]
public sealed record WorkerDeployResult(
    [property: Id(0)] DeployStatus Status,
    [property: Id(1)] string? ImageDigest = null,
    [property: Id(2)] string? SnapshotState = null,
    [property: Id(3)] string? SnapshotKey = null,
    [property: Id(4)] string? Error = null,
    [property: Id(5)] string? OutputTail = null);
