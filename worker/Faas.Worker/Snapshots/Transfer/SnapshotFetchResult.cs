namespace Faas.Worker.Snapshots.Transfer;

/// <summary>How a fetch went: on success the bytes received and written; else why it failed.</summary>
/// <param name="Error">Null when the files arrived and matched the expected digest.</param>
/// <param name="Bytes">The files' total length.</param>
/// <param name="DataBytes">What was written of it (all-zero blocks become holes).</param>
/// <param name="Elapsed">How long it took.</param>
internal sealed record SnapshotFetchResult(string? Error, long Bytes, long DataBytes, TimeSpan Elapsed)
{
    public bool Succeeded => Error is null;
}
