using Faas.Worker.Images.Interop;

namespace Faas.Worker.Snapshots.Eviction;

/// <summary>The disk space a tree takes: allocated blocks (<c>st_blocks</c> × 512), so holes in sparse memory files count for nothing.</summary>
internal static class AllocatedSize
{
    private const long BlockBytes = 512;

    private static readonly EnumerationOptions Everything = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The blocks of <paramref name="directory"/> and everything under it (symbolic links are neither followed nor counted).</summary>
    public static long OfTree(string directory)
    {
        var total = Of(directory);
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", Everything))
        {
            total += Of(entry);
        }

        return total;
    }

    /// <summary>The blocks of one file or directory; 0 when it is gone.</summary>
    public static long Of(string path) => LibC.lstat(path, out var status) == 0 ? status.st_blocks * BlockBytes : 0;
}
