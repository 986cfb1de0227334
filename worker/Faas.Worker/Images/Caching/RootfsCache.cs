using System.Text.Json;
using Faas.Worker.Images.Oci;

namespace Faas.Worker.Images.Caching;

/// <summary>
/// The finished images: an erofs file and its JSON record per manifest digest. The record is written last and removed first,
/// so an entry counts only while both exist.
/// </summary>
internal sealed class RootfsCache
{
    private readonly CacheDirectories directories;
    private readonly TimeProvider time;

    public RootfsCache(CacheDirectories directories, TimeProvider time)
    {
        this.directories = directories;
        this.time = time;
    }

    public CachedImageRecord? TryGet(string manifestDigest)
    {
        var recordPath = directories.RecordPath(manifestDigest);
        if (!File.Exists(recordPath) || !File.Exists(directories.RootfsPath(manifestDigest)))
        {
            return null;
        }

        return ReadRecord(recordPath);
    }

    /// <summary>The manifest digest an index digest resolved to when it was cached.</summary>
    public string? TryResolveIndex(string indexDigest)
    {
        try
        {
            var manifestDigest = File.ReadAllText(directories.AliasPath(indexDigest)).Trim();
            return BlobDigest.IsValid(manifestDigest) ? manifestDigest : null;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Moves a built erofs image into the cache and records it.</summary>
    public CachedImageRecord Publish(string builtRootfs, CachedImageRecord record)
    {
        File.Move(builtRootfs, directories.RootfsPath(record.ManifestDigest), overwrite: true);
        var published = record with { RootfsBytes = new FileInfo(directories.RootfsPath(record.ManifestDigest)).Length, LastUsedUtc = time.GetUtcNow() };
        WriteRecord(published);
        if (published.IndexDigest is { } indexDigest)
        {
            AtomicFile.WriteAllText(directories.AliasPath(indexDigest), published.ManifestDigest);
        }

        return published;
    }

    public CachedImageRecord Touch(CachedImageRecord record)
    {
        var touched = record with { LastUsedUtc = time.GetUtcNow() };
        WriteRecord(touched);
        return touched;
    }

    public IReadOnlyList<CachedImageRecord> List()
    {
        if (!Directory.Exists(directories.Rootfs))
        {
            return [];
        }

        return Directory.EnumerateFiles(directories.Rootfs, "*.json")
            .Select(ReadRecord)
            .OfType<CachedImageRecord>()
            .Where(record => File.Exists(directories.RootfsPath(record.ManifestDigest)))
            .ToList();
    }

    public void Remove(CachedImageRecord record)
    {
        File.Delete(directories.RecordPath(record.ManifestDigest));
        File.Delete(directories.RootfsPath(record.ManifestDigest));
        if (record.IndexDigest is { } indexDigest && TryResolveIndex(indexDigest) == record.ManifestDigest)
        {
            File.Delete(directories.AliasPath(indexDigest));
        }
    }

    private void WriteRecord(CachedImageRecord record) =>
        AtomicFile.WriteAllText(directories.RecordPath(record.ManifestDigest), JsonSerializer.Serialize(record, CacheJsonContext.Default.CachedImageRecord));

    private static CachedImageRecord? ReadRecord(string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJsonContext.Default.CachedImageRecord);
            return record is { FormatVersion: CachedImageRecord.CurrentFormatVersion } && BlobDigest.IsValid(record.ManifestDigest) ? record : null;
        }
        catch (Exception exception) when (exception is JsonException or IOException)
        {
            return null;
        }
    }
}
