namespace Faas.Scheduler.Functions;

/// <summary>Where a running deploy is.</summary>
/// <param name="Phase">The current step.</param>
/// <param name="Detail">A human-readable line, or null.</param>
/// <param name="Done">Units done in this step (layers, bytes), 0 when not measurable.</param>
/// <param name="Total">Units in this step, 0 when unknown.</param>
/// <param name="Version">The version being deployed.</param>
[GenerateSerializer, Immutable]
public sealed record DeployProgress(
    [property: Id(0)] DeployPhase Phase,
    [property: Id(1)] string? Detail = null,
    [property: Id(2)] long Done = 0,
    [property: Id(3)] long Total = 0,
    [property: Id(4)] int Version = 0);
