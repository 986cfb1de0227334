using System.Buffers;

namespace Faas.Worker.Snapshots.Transfer;

/// <summary>What a fetched manifest must satisfy before any file is requested: its key, safe relative paths, sane sizes.</summary>
internal static class ManifestCheck
{
    public const int MaxDepth = 3;

    public const int MaxFiles = 256;

    private static readonly SearchValues<char> SegmentCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>Null when the manifest is acceptable; else why not.</summary>
    public static string? Problem(SnapshotManifest? manifest, string key, long maxTotalBytes)
    {
        if (manifest?.Files is null || manifest.Key is null)
        {
            return "the manifest lacks its key or its files";
        }

        if (!string.Equals(manifest.Key, key, StringComparison.Ordinal))
        {
            return $"the manifest is for snapshot {manifest.Key}, not {key}";
        }

        if (manifest.Files.Count is 0 or > MaxFiles)
        {
            return $"the manifest lists {manifest.Files.Count} files (1 to {MaxFiles} expected)";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in manifest.Files)
        {
            if (file is null)
            {
                return "the manifest lists a null file";
            }

            if (PathProblem(file.Path) is { } bad)
            {
                return $"the manifest lists an unacceptable path: {bad}";
            }

            if (!seen.Add(file.Path))
            {
                return $"the manifest lists '{file.Path}' twice";
            }

            if (file.Size < 0)
            {
                return $"the manifest gives '{file.Path}' a negative size";
            }

            total += file.Size;
            if (total > maxTotalBytes)
            {
                return $"the files add up to more than the {maxTotalBytes} bytes a snapshot of this function can hold";
            }
        }

        return null;
    }

    /// <summary>Null for a relative path of 1 to <see cref="MaxDepth"/> segments of [A-Za-z0-9._-], none of them . or ..; else why not.</summary>
    public static string? PathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "an empty path";
        }

        var segments = path.Split('/');
        if (segments.Length > MaxDepth)
        {
            return $"{Quote(path)} is more than {MaxDepth} levels deep";
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.AsSpan().ContainsAnyExcept(SegmentCharacters))
            {
                return $"{Quote(path)} is not a plain relative path";
            }
        }

        return SnapshotFiles.IsDigestCache(path) ? $"'{path}' is the worker's own digest cache" : null;
    }

    /// <summary>The path as it may appear in a log line: control characters escaped, cut short.</summary>
    private static string Quote(string path)
    {
        var shown = path.Length > 80 ? path[..80] + "…" : path;
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
    }
}
