namespace Faas.Scheduler.Functions;

/// <summary>A function as the scheduler knows it: its current spec and version, its instances and its snapshot.</summary>
/// <param name="Tenant">The owning tenant.</param>
/// <param name="Name">The function's name within the tenant.</param>
/// <param name="Version">The version that takes new calls (1 on create, +1 per update that changes the spec).</param>
/// <param name="Spec">The current spec.</param>
/// <param name="ImageDigest">The manifest digest the image resolved to at deploy.</param>
/// <param name="SnapshotState">"ready", "failed", "disabled" or "creating".</param>
/// <param name="DeployedAt">When the current version became ready.</param>
/// <param name="Instances">Live instances of every version still running (old ones drain).</param>
/// <param name="Invocations">Calls leased since the function was created (kept across restarts).</param>
[GenerateSerializer, Immutable]
public sealed record FunctionDescription(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Name,
    [property: Id(2)] int Version,
    [property: Id(3)] FunctionSpec Spec,
    [property: Id(4)] string ImageDigest,
    [property: Id(5)] string SnapshotState,
    [property: Id(6)] DateTimeOffset DeployedAt,
    [property: Id(7)] IReadOnlyList<InstanceDescription> Instances,
    [property: Id(8)] long Invocations);
