namespace Faas.Worker.Snapshots.Transfer;

/// <summary>What a worker serves of one complete snapshot: its files and their digest (<c>GET /_faas/snapshots/{key}</c>).</summary>
/// <param name="Key">The content key.</param>
/// <param name="Digest">The digest of the files (<see cref="SnapshotDigest"/>).</param>
/// <param name="Files">Every file, in ordinal order of its path.</param>
public sealed record SnapshotManifest(string Key, string Digest, IReadOnlyList<SnapshotFile> Files);
