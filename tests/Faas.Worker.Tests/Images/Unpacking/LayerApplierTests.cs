using System.Formats.Tar;
using Faas.Worker.Images;
using Faas.Worker.Images.Interop;
using Faas.Worker.Images.Unpacking;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images.Unpacking;

public sealed class LayerApplierTests : IDisposable
{
    private static readonly UnpackLimits DefaultLimits = new(4L << 30, 16L << 30, 500_000);
    private readonly TemporaryDirectory directory = new();

    public LayerApplierTests()
    {
        Root = directory.Combine("tree");
        Canary = directory.Combine("canary");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Canary);
        File.WriteAllText(Path.Combine(Canary, "keep"), "host file");
    }

    private string Root { get; }

    /// <summary>A directory outside the tree that hostile layers aim at.</summary>
    private string Canary { get; }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Applies_whiteouts_and_opaque_directories_across_three_layers()
    {
        Apply(
            new TarLayer()
                .Directory("etc").File("etc/a", "a").File("etc/b", "b")
                .File("opt/x/y", "y").File("opt/keep", "keep")
                .File("var/lib/old/data", "data")
                .File("srv/stale", "stale"),
            new TarLayer()
                .Whiteout("etc/a")
                .File("opt/new", "new").Opaque("opt").File("opt/later", "later")
                .Opaque("srv").File("srv/fresh", "fresh")
                .File("var/lib/old/data2", "data2"),
            new TarLayer()
                .Whiteout("var/lib")
                .File("etc/a", "again"));

        Assert.Equal("again", File.ReadAllText(InTree("etc/a")));
        Assert.Equal("b", File.ReadAllText(InTree("etc/b")));
        Assert.Equal(["later", "new"], Children("opt"));
        Assert.Equal(["fresh"], Children("srv"));
        Assert.Empty(Children("var"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories), path => Path.GetFileName(path).StartsWith(".wh.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_opaque_directory_keeps_what_its_own_layer_put_in_subdirectories_and_drops_the_rest()
    {
        Apply(
            new TarLayer().File("app/lib/old.so", "old").File("app/lib/shared.so", "v1").File("app/config", "v1"),
            new TarLayer().File("app/lib/shared.so", "v2").Opaque("app"));

        Assert.Equal(["lib"], Children("app"));
        Assert.Equal(["shared.so"], Children("app/lib"));
        Assert.Equal("v2", File.ReadAllText(InTree("app/lib/shared.so")));
    }

    [Fact]
    public void Keeps_modes_owners_links_and_fifos()
    {
        Apply(new TarLayer()
            .Directory("usr", TarLayer.DirectoryMode, 0, 0)
            .File("usr/bin/su", "#!", (UnixFileMode)0b100_111_101_101, 0, 0)
            .File("usr/bin/tool", "#!", (UnixFileMode)0b010_111_101_101, 1000, 50)
            .Directory("tmp", (UnixFileMode)0b001_111_111_111)
            .Directory("ro", (UnixFileMode)0b101_101_101)
            .File("ro/inside", "x")
            .File("home/app/data", "data", TarLayer.FileMode, 1000, 1000)
            .Symlink("bin", "usr/bin")
            .Symlink("etc/mtab", "/proc/self/mounts")
            .HardLink("usr/bin/su-again", "usr/bin/su")
            .Fifo("run/pipe", (UnixFileMode)0b110_110_000));

        Assert.Equal(0b100_111_101_101u, Stat("usr/bin/su").st_mode & 0xFFF);
        Assert.Equal(0b010_111_101_101u, Stat("usr/bin/tool").st_mode & 0xFFF);
        Assert.Equal((1000u, 50u), (Stat("usr/bin/tool").st_uid, Stat("usr/bin/tool").st_gid));
        Assert.Equal(0b001_111_111_111u, Stat("tmp").st_mode & 0xFFF);
        Assert.Equal(0b101_101_101u, Stat("ro").st_mode & 0xFFF);
        Assert.Equal((1000u, 1000u), (Stat("home/app/data").st_uid, Stat("home/app/data").st_gid));
        Assert.Equal(0b111_101_101u, Stat("home/app").st_mode & 0xFFF);
        Assert.Equal("usr/bin", new FileInfo(InTree("bin")).LinkTarget);
        Assert.Equal("/proc/self/mounts", new FileInfo(InTree("etc/mtab")).LinkTarget);
        Assert.Equal(Stat("usr/bin/su").st_ino, Stat("usr/bin/su-again").st_ino);
        Assert.Equal(2ul, Stat("usr/bin/su").st_nlink);
        Assert.Equal(LibC.S_IFIFO, Stat("run/pipe").st_mode & LibC.S_IFMT);
        Assert.Equal(0b110_110_000u, Stat("run/pipe").st_mode & 0xFFF);
    }

    [Fact]
    public void A_later_file_replaces_a_hard_link_instead_of_writing_through_it()
    {
        Apply(
            new TarLayer().File("a", "A").HardLink("b", "a"),
            new TarLayer().File("b", "B"));

        Assert.Equal("A", File.ReadAllText(InTree("a")));
        Assert.Equal("B", File.ReadAllText(InTree("b")));
    }

    [Fact]
    public void A_later_entry_replaces_a_symlink_instead_of_following_it()
    {
        Apply(
            new TarLayer().Symlink("config", Path.Combine(Canary, "keep")).Symlink("dir", Canary),
            new TarLayer().File("config", "mine").Directory("dir"));

        Assert.Equal("mine", File.ReadAllText(InTree("config")));
        Assert.Equal(LibC.S_IFDIR, NodeKindOf("dir"));
        Assert.Equal("host file", File.ReadAllText(Path.Combine(Canary, "keep")));
        Assert.Equal(["keep"], Directory.EnumerateFileSystemEntries(Canary).Select(Path.GetFileName));
    }

    public static TheoryData<string, string> HostileLayers => new()
    {
        { "traversal", "escapes the image root" },
        { "absolute", "is an absolute path" },
        { "escaping-symlink", "which escapes the image root" },
        { "hardlink-outside", "which is not a path inside the image" },
        { "hardlink-through-symlink", "which is not a file of the image" },
        { "device", "is a character device node" },
        { "write-through-symlink", "would be written through the symbolic link 'evil'" },
        { "whiteout-through-symlink", "would remove a path through the symbolic link 'evil'" },
        { "opaque-through-symlink", "would be written through the symbolic link 'evil'" },
    };

    [Theory]
    [MemberData(nameof(HostileLayers))]
    public void Refuses_hostile_entries_and_writes_nothing_outside_the_tree(string kind, string problem)
    {
        var (layers, entry) = Hostile.Layers(kind, Canary);

        var exception = Assert.Throws<UnsafeEntryException>(() => Apply(layers));

        Assert.Equal(entry, exception.EntryName);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        Hostile.AssertCanaryUntouched(Canary);
    }

    [Fact]
    public void Refuses_more_entries_than_the_limit()
    {
        var exception = Assert.Throws<UnsafeEntryException>(() => Apply(new UnpackLimits(1 << 20, 1 << 20, 3), new TarLayer().File("a", "a").File("b", "b").File("c", "c").File("d", "d")));

        Assert.Equal(ImageErrorKind.LimitExceeded, exception.Kind);
        Assert.Equal("d", exception.EntryName);
    }

    [Fact]
    public void Refuses_files_and_trees_over_the_size_limits()
    {
        var big = Assert.Throws<UnsafeEntryException>(() => Apply(new UnpackLimits(10, 1 << 20, 100), new TarLayer().File("small", "0123456789").File("big", "0123456789A")));
        Assert.Equal("big", big.EntryName);
        Assert.Equal(ImageErrorKind.LimitExceeded, big.Kind);
        Assert.False(File.Exists(InTree("big")));

        TreeRemoval.Remove(Root);
        Directory.CreateDirectory(Root);
        var tree = Assert.Throws<UnsafeEntryException>(() => Apply(new UnpackLimits(10, 25, 100), new TarLayer().File("a", "0123456789"), new TarLayer().File("b", "0123456789").File("c", "0123456789")));
        Assert.Equal("c", tree.EntryName);
        Assert.Contains("more than the 25 bytes an image may unpack to", tree.Message, StringComparison.Ordinal);
    }

    private void Apply(params TarLayer[] layers) => Apply(DefaultLimits, layers);

    private void Apply(UnpackLimits limits, params TarLayer[] layers)
    {
        var tree = new ImageTree(Root, applyOwnership: true);
        var applier = new LayerApplier(tree, limits);
        foreach (var layer in layers)
        {
            using var reader = new TarReader(new MemoryStream(layer.ToTar()));
            applier.Apply(reader);
        }

        tree.Complete();
    }

    private string InTree(string relative) => Path.Combine(Root, relative);

    private List<string> Children(string relative) =>
        Directory.EnumerateFileSystemEntries(InTree(relative)).Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal).ToList();

    private LibC.stat Stat(string relative)
    {
        Assert.Equal(0, LibC.lstat(InTree(relative), out var status));
        return status;
    }

    private uint NodeKindOf(string relative) => Stat(relative).st_mode & LibC.S_IFMT;
}
