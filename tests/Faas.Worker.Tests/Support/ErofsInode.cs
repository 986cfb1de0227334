using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Faas.Worker.Tests.Support;

/// <summary>
/// Reads an inode's mode straight from an erofs image (dump.erofs finds its NID). fsck.erofs --extract cannot be used for
/// this: it restores the owner after the mode, which clears setuid and setgid bits on the extracted copy.
/// </summary>
public static partial class ErofsInode
{
    /// <summary>The inode number (NID) of a path: two names of one hard-linked file share it.</summary>
    public static async Task<long> NidAsync(string image, string path)
    {
        var dump = await Programs.RunAsync("dump.erofs", $"--path=/{path.TrimStart('/')}", image);
        return long.Parse(NidPattern().Match(dump.StandardOutputText).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static async Task<uint> ModeAsync(string image, string path)
    {
        var nid = await NidAsync(image, path);
        var content = await File.ReadAllBytesAsync(image, TestContext.Current.CancellationToken);
        var superblock = content.AsSpan(1024);
        var blockSize = 1 << superblock[12];
        var metaBlock = BinaryPrimitives.ReadUInt32LittleEndian(superblock[40..]);
        var inode = content.AsSpan((int)((metaBlock * blockSize) + (nid * 32)));
        return BinaryPrimitives.ReadUInt16LittleEndian(inode[4..]);
    }

    [GeneratedRegex(@"NID: (\d+)")]
    private static partial Regex NidPattern();
}
