namespace Faas.Worker.Snapshots;

/// <summary>The worker's file next to a backend's snapshot; written last, so a snapshot without it is incomplete.</summary>
/// <param name="Format">The version of this file.</param>
/// <param name="Key">The content key, the name of the snapshot's directory.</param>
/// <param name="FunctionChannel">The agent channel the function was started on.</param>
/// <param name="CreatedAt">When the snapshot was taken (or fetched).</param>
/// <param name="ImageDigest">The image's manifest digest.</param>
/// <param name="Function">The function it was taken for (tenant/name); any function with the same key may use it.</param>
internal sealed record SnapshotRecord(int Format, string Key, uint FunctionChannel, DateTimeOffset CreatedAt, string ImageDigest, string Function)
{
    public const int CurrentFormat = 1;

    /// <summary><see cref="SnapshotOrigins.Taken"/> (also when absent) or <see cref="SnapshotOrigins.Fetched"/>.</summary>
    public string? Origin { get; init; }
}
