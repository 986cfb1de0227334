namespace Faas.Worker.Snapshots.Transfer;

/// <summary>The complete snapshots a worker holds, as it serves them to peers (<c>GET /_faas/snapshots/…</c>).</summary>
public interface ISnapshotCatalog
{
    /// <summary>The files and digest of the complete snapshot with this key; null when there is none.</summary>
    Task<SnapshotManifest?> GetSnapshotManifestAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The full path of a file the snapshot's manifest lists (a regular file inside its directory); null for any other path.</summary>
    Task<string?> GetSnapshotFilePathAsync(string key, string path, CancellationToken cancellationToken = default);
}
