namespace Faas.Worker.Snapshots;

/// <summary>The state of a function's snapshot.</summary>
/// <param name="State">Disabled, creating, ready or failed.</param>
/// <param name="Key">The content key: image digest, start request, kernel, agent, backend and VM size.</param>
/// <param name="Directory">Where it is stored.</param>
/// <param name="CreatedAt">When it was taken (or fetched).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Origin">When ready: <see cref="SnapshotOrigins.Taken"/> here or <see cref="SnapshotOrigins.Fetched"/> from a peer.</param>
public sealed record SnapshotStatus(
    SnapshotState State, string? Key = null, string? Directory = null, DateTimeOffset? CreatedAt = null, string? Error = null, string? Origin = null)
{
    public static SnapshotStatus Disabled { get; } = new(SnapshotState.Disabled);
}
