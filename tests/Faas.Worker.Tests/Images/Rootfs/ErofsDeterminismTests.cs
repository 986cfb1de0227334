using System.Formats.Tar;
using Faas.Worker.Images.Rootfs;
using Faas.Worker.Images.Tools;
using Faas.Worker.Images.Unpacking;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images.Rootfs;

public sealed class ErofsDeterminismTests(RegistryFixture registry) : IDisposable
{
    private const string Digest = "sha256:4f1a9c0e2b7d4e8f9a6b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_same_image_unpacked_in_a_different_order_builds_to_identical_bytes()
    {
        var entries = ManyEntries();
        var second = directory.Combine("second");
        var first = directory.Combine("first");
        Directory.CreateDirectory(second);
        Directory.CreateDirectory(first);
        Unpack(first, entries);
        Unpack(second, Enumerable.Reverse(entries).ToList());
        Assert.NotEqual(NamesByInode(first), NamesByInode(second));
        var builder = new ErofsBuilder("mkfs.erofs", CliWrapToolRunner.Instance);
        var uuid = FilesystemUuid.FromDigest(Digest);

        await builder.BuildAsync(first, directory.Combine("first.erofs"), uuid, allRoot: false, "test", TestContext.Current.CancellationToken);
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        await builder.BuildAsync(second, directory.Combine("second.erofs"), uuid, allRoot: false, "test", TestContext.Current.CancellationToken);

        var firstBytes = await File.ReadAllBytesAsync(directory.Combine("first.erofs"), TestContext.Current.CancellationToken);
        var secondBytes = await File.ReadAllBytesAsync(directory.Combine("second.erofs"), TestContext.Current.CancellationToken);
        Assert.True(firstBytes.AsSpan().SequenceEqual(secondBytes), "the two erofs images differ");
        var superblock = (await Programs.RunAsync("dump.erofs", "-s", directory.Combine("first.erofs"))).StandardOutputText;
        Assert.Contains(uuid, superblock, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_caches_build_the_same_image_to_identical_bytes_named_by_its_digest()
    {
        var image = ImageSpec.Of(
            new TarLayer().File("usr/bin/app", "app", (UnixFileMode)0b111_101_101).File("etc/config", "a").Symlink("bin", "usr/bin"),
            new TarLayer().File("etc/config", "b", TarLayer.FileMode, 1000, 1000).HardLink("etc/config-link", "etc/config").Fifo("run/fifo"));
        var (reference, _) = await TestImages.PushAsync(registry.Server, "determinism/app", image);
        using var one = new TestStore();
        using var two = new TestStore();

        var first = await one.PrepareAsync(reference);
        var second = await two.PrepareAsync(reference);

        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
        Assert.NotEqual(first.RootfsPath, second.RootfsPath);
        Assert.Equal(
            await File.ReadAllBytesAsync(first.RootfsPath, TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(second.RootfsPath, TestContext.Current.CancellationToken));
        var superblock = (await Programs.RunAsync("dump.erofs", "-s", first.RootfsPath)).StandardOutputText;
        Assert.Contains(FilesystemUuid.FromDigest(first.ManifestDigest), superblock, StringComparison.Ordinal);
        Assert.Contains("Jan  1 00:00:00 1970", superblock, StringComparison.Ordinal);
    }

    [Fact]
    public void Derives_a_version_8_uuid_from_the_digest()
    {
        Assert.Equal("4f1a9c0e-2b7d-8e8f-9a6b-3c2d1e0f9a8b", FilesystemUuid.FromDigest(Digest));
    }

    private static List<Func<TarEntry>> ManyEntries()
    {
        var entries = new List<Func<TarEntry>>();
        for (var d = 0; d < 8; d++)
        {
            var dir = $"dir{d}";
            entries.Add(() => new PaxTarEntry(TarEntryType.Directory, dir) { Mode = TarLayer.DirectoryMode });
            for (var f = 0; f < 40; f++)
            {
                var name = $"{dir}/file{f:D2}";
                var content = new string((char)('a' + (f % 26)), 100 + (f * 37));
                entries.Add(() => new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = TarLayer.FileMode, Uid = f % 3, Gid = d });
            }

            entries.Add(() => new PaxTarEntry(TarEntryType.SymbolicLink, $"{dir}/link") { LinkName = "file00" });
            entries.Add(() => new PaxTarEntry(TarEntryType.HardLink, $"{dir}/hard") { LinkName = $"{dir}/file01" });
        }

        return entries;
    }

    /// <summary>Applies the entries in the order given; hard links need their target first, so they always go last.</summary>
    private static void Unpack(string root, IReadOnlyList<Func<TarEntry>> entries)
    {
        var layer = new TarLayer();
        foreach (var entry in entries.Where(entry => entry().EntryType != TarEntryType.HardLink).Concat(entries.Where(entry => entry().EntryType == TarEntryType.HardLink)))
        {
            layer.Entry(entry);
        }

        var tree = new ImageTree(root, applyOwnership: true);
        using var reader = new TarReader(new MemoryStream(layer.ToTar()));
        new LayerApplier(tree, new UnpackLimits(1 << 20, 1 << 30, 10_000)).Apply(reader);
        tree.Complete();
    }

    /// <summary>The files of a tree in the order the file system numbered them, which follows the order they were created in.</summary>
    private static List<string> NamesByInode(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => (Path: Path.GetRelativePath(root, path), Inode: InodeOf(path)))
            .OrderBy(file => file.Inode)
            .Select(file => file.Path)
            .ToList();

    private static ulong InodeOf(string path)
    {
        Assert.Equal(0, Faas.Worker.Images.Interop.LibC.lstat(path, out var status));
        return status.st_ino;
    }
}
