using Faas.Common.IO;
using Faas.Worker.Images.Oci;

namespace Faas.Worker.Images.Caching;

/// <summary>Keeps the erofs images under their size limit, least recently used first, then drops blobs no cached image needs.</summary>
internal static class RootfsEviction
{
    /// <summary>Call while holding the layout's lock.</summary>
    /// <param name="protectedDigests">Images this process is preparing or has just prepared: never evicted.</param>
    public static void Run(RootfsCache cache, CacheDirectories directories, BlobLayout layout, long limitBytes, IReadOnlySet<string> protectedDigests)
    {
        var records = cache.List().OrderBy(record => record.LastUsedUtc).ToList();
        var remaining = new List<CachedImageRecord>(records);
        var total = records.Sum(record => record.RootfsBytes);
        foreach (var record in records)
        {
            if (total <= limitBytes)
            {
                break;
            }

            if (protectedDigests.Contains(record.ManifestDigest))
            {
                continue;
            }

            // Another process building (or rebuilding) this image holds its lock: leave it alone.
            using var imageLock = FileLock.TryAcquire(directories.ImageLock(record.ManifestDigest));
            if (imageLock is null)
            {
                continue;
            }

            cache.Remove(record);
            remaining.Remove(record);
            total -= record.RootfsBytes;
        }

        layout.CollectGarbage(remaining.SelectMany(record => record.Blobs));
    }
}
