namespace Faas.Guest.Artifacts.Caching;

/// <summary>Names shared by the caches: temporary entries start with ".tmp-" so a crash leaves nothing that looks like a finished artifact.</summary>
internal static class CacheFiles
{
    public const string LockName = ".lock";
    public const string TemporaryPrefix = ".tmp-";

    public static string NewTemporaryName(string suffix = "") => $"{TemporaryPrefix}{Guid.NewGuid():N}{suffix}";

    /// <summary>Removes what interrupted builds left behind. Call only while holding the cache's lock.</summary>
    public static void RemoveLeftovers(string directory)
    {
        foreach (var leftover in Directory.EnumerateFileSystemEntries(directory, TemporaryPrefix + "*"))
        {
            TryDelete(leftover);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover is removed by the next build.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
