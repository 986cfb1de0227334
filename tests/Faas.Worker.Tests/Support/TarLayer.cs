using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Faas.Worker.Tests.Support;

/// <summary>Builds a layer tarball entry by entry, in the order given (PAX format, as image tools write).</summary>
public sealed class TarLayer
{
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;

    private readonly List<Func<TarEntry>> entries = [];

    public TarLayer File(string name, string content, UnixFileMode mode = FileMode, int uid = 0, int gid = 0) =>
        File(name, Encoding.UTF8.GetBytes(content), mode, uid, gid);

    public TarLayer File(string name, byte[] content, UnixFileMode mode = FileMode, int uid = 0, int gid = 0) =>
        Add(() => new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode, Uid = uid, Gid = gid });

    public TarLayer Directory(string name, UnixFileMode mode = DirectoryMode, int uid = 0, int gid = 0) =>
        Add(() => new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode, Uid = uid, Gid = gid });

    public TarLayer Symlink(string name, string target) =>
        Add(() => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 });

    public TarLayer HardLink(string name, string target) =>
        Add(() => new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, Mode = FileMode });

    public TarLayer Fifo(string name, UnixFileMode mode = FileMode) =>
        Add(() => new PaxTarEntry(TarEntryType.Fifo, name) { Mode = mode });

    public TarLayer CharacterDevice(string name, int major, int minor) =>
        Add(() => new PaxTarEntry(TarEntryType.CharacterDevice, name) { DeviceMajor = major, DeviceMinor = minor, Mode = FileMode });

    /// <summary>Removes <paramref name="path"/> of lower layers.</summary>
    public TarLayer Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = slash < 0 ? $".wh.{path}" : $"{path[..(slash + 1)]}.wh.{path[(slash + 1)..]}";
        return Add(() => new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = FileMode });
    }

    /// <summary>Hides everything lower layers put in <paramref name="directory"/>.</summary>
    public TarLayer Opaque(string directory) =>
        Add(() => new PaxTarEntry(TarEntryType.RegularFile, $"{directory.TrimEnd('/')}/.wh..wh..opq") { Mode = FileMode });

    public TarLayer Entry(Func<TarEntry> entry) => Add(entry);

    public byte[] ToTar()
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                var built = entry();
                built.ModificationTime = DateTimeOffset.UnixEpoch;
                writer.WriteEntry(built);
            }
        }

        return output.ToArray();
    }

    public static byte[] Compress(byte[] tar, Compression compression)
    {
        using var output = new MemoryStream();
        switch (compression)
        {
            case Compression.None:
                return tar;
            case Compression.Gzip:
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(tar);
                }

                break;
            case Compression.Zstd:
                using (var zstd = new ZstdSharp.CompressionStream(output, 3, leaveOpen: true))
                {
                    zstd.Write(tar);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(compression));
        }

        return output.ToArray();
    }

    private TarLayer Add(Func<TarEntry> entry)
    {
        entries.Add(entry);
        return this;
    }
}
