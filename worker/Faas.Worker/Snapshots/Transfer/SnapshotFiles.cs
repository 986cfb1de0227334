using Faas.Worker.Images.Interop;

namespace Faas.Worker.Snapshots.Transfer;

/// <summary>
/// The files a snapshot consists of: every regular file under its directory, except symbolic links and what the worker keeps beside it
/// (the digest cache and the last-use mark).
/// </summary>
internal static class SnapshotFiles
{
    /// <summary>The digest of the other files, cached next to <c>function.json</c>; not part of the snapshot.</summary>
    public const string DigestCacheFileName = "digest";

    private static readonly EnumerationOptions Everything = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The snapshot's files in ordinal order of their relative path.</summary>
    /// <exception cref="IOException">The directory cannot be read.</exception>
    public static IReadOnlyList<SnapshotFile> List(string directory)
    {
        var files = new List<SnapshotFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", Everything))
        {
            var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
            if (IsDigestCache(relative) || relative == Eviction.SnapshotLastUse.FileName || LibC.lstat(path, out var status) != 0 || (status.st_mode & LibC.S_IFMT) != LibC.S_IFREG)
            {
                continue;
            }

            files.Add(new SnapshotFile(relative, status.st_size));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>The digest cache, or a temporary file it is being written through.</summary>
    public static bool IsDigestCache(string relativePath) =>
        relativePath == DigestCacheFileName
        || (relativePath.StartsWith(DigestCacheFileName + ".", StringComparison.Ordinal) && relativePath.EndsWith(".tmp", StringComparison.Ordinal) && !relativePath.Contains('/', StringComparison.Ordinal));

    /// <summary>The full path of a file the list names, after checking it is still a regular file inside the directory; null otherwise.</summary>
    public static string? Resolve(string directory, IReadOnlyList<SnapshotFile> files, string relativePath)
    {
        if (!files.Any(file => string.Equals(file.Path, relativePath, StringComparison.Ordinal)))
        {
            return null;
        }

        var root = Path.GetFullPath(directory);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        // Every component below the root must be what the listing saw: directories and a regular file, no link.
        var current = root;
        var segments = relativePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (LibC.lstat(current, out var status) != 0)
            {
                return null;
            }

            var expected = i == segments.Length - 1 ? LibC.S_IFREG : LibC.S_IFDIR;
            if ((status.st_mode & LibC.S_IFMT) != expected)
            {
                return null;
            }
        }

        return full;
    }
}
