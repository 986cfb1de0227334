namespace Faas.Worker.Snapshots.Eviction;

/// <summary>How much disk space a worker's complete snapshots may take.</summary>
internal static class SnapshotCacheLimit
{
    /// <summary>The default share of the file system that holds the cache.</summary>
    public const double DefaultShare = 0.25;

    /// <summary>The default is never above this, however large the file system.</summary>
    public const long DefaultCapBytes = 50L * 1024 * 1024 * 1024;

    /// <summary>The configured limit, else 25 % of the size of the file system under <paramref name="cacheRoot"/>, at most 50 GiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A configured limit is 0 or negative.</exception>
    public static long Resolve(long? configured, string cacheRoot)
    {
        if (configured is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, "SnapshotCacheMaxBytes");
            return limit;
        }

        return FileSystemBytes(cacheRoot) is { } size ? Math.Clamp((long)(size * DefaultShare), 1, DefaultCapBytes) : DefaultCapBytes;
    }

    /// <summary>The size of the file system that holds <paramref name="path"/> (or its nearest existing parent); null when it cannot be told.</summary>
    public static long? FileSystemBytes(string path)
    {
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing))
        {
            if (Path.GetDirectoryName(existing) is not { } parent)
            {
                return null;
            }

            existing = parent;
        }

        try
        {
            // On Linux DriveInfo takes any path and answers statvfs(2) for the file system that holds it.
            return new DriveInfo(existing).TotalSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
