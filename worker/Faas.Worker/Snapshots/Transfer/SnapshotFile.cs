namespace Faas.Worker.Snapshots.Transfer;

/// <summary>One file of a snapshot.</summary>
/// <param name="Path">Relative to the snapshot's directory, with <c>/</c> separators, e.g. <c>vm/memory</c>.</param>
/// <param name="Size">Its length in bytes.</param>
public sealed record SnapshotFile(string Path, long Size);
