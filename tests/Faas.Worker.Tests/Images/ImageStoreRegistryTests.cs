using System.Text.Json.Nodes;
using Faas.Worker.Images;
using Faas.Worker.Images.Interop;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images;

public sealed class ImageStoreRegistryTests(RegistryFixture registry)
{
    private RegistryServer Registry => registry.Server;

    [Fact]
    public async Task Pulls_by_tag_into_an_erofs_root_filesystem_with_the_image_config()
    {
        var image = new ImageSpec(
        [
            (new TarLayer()
                .Directory("usr").Directory("usr/bin")
                .File("usr/bin/hello", "#!/bin/sh\necho hello\n", (UnixFileMode)0b111_101_101)
                .File("usr/bin/sudo", "setuid", (UnixFileMode)0b100_111_101_101)
                .Symlink("bin", "usr/bin")
                .Directory("tmp", (UnixFileMode)0b001_111_111_111), Compression.Gzip),
            (new TarLayer()
                .File("srv/app.txt", "app", TarLayer.FileMode, 1000, 1000)
                .HardLink("srv/app-link.txt", "srv/app.txt"), Compression.Gzip),
        ]);
        var (reference, _) = await TestImages.PushAsync(Registry, "pull/tagged", image);
        using var store = new TestStore();
        var progress = new RecordingProgress();

        var prepared = await store.PrepareAsync(reference, progress: progress);

        Assert.Equal(reference, prepared.Reference);
        Assert.Equal(await Registry.ManifestDigestAsync("pull/tagged", "1"), prepared.ManifestDigest);
        Assert.Equal(Path.Combine(store.ImagesDirectory, "rootfs", prepared.ManifestDigest["sha256:".Length..] + ".erofs"), prepared.RootfsPath);
        Assert.Equal(new FileInfo(prepared.RootfsPath).Length, prepared.RootfsBytes);
        Assert.Equal(["/bin/hello"], prepared.Config.Entrypoint);
        Assert.Equal(["--port", "8080"], prepared.Config.Cmd);
        Assert.Equal(["PATH=/usr/local/bin:/usr/bin:/bin", "GREETING=hello"], prepared.Config.Env);
        Assert.Equal("/srv", prepared.Config.WorkingDir);
        Assert.Equal("1000:1000", prepared.Config.User);
        Assert.Equal([8080], prepared.Config.ExposedPorts);

        using var extracted = new TemporaryDirectory();
        var root = await Programs.ExtractErofsAsync(prepared.RootfsPath, extracted.Combine("root"));
        Assert.Equal("#!/bin/sh\necho hello\n", await File.ReadAllTextAsync(Path.Combine(root, "usr/bin/hello"), TestContext.Current.CancellationToken));
        Assert.Equal("usr/bin", new FileInfo(Path.Combine(root, "bin")).LinkTarget);
        Assert.Equal(LibC.S_IFREG | 0b100_111_101_101u, await ErofsInode.ModeAsync(prepared.RootfsPath, "usr/bin/sudo"));
        Assert.Equal(LibC.S_IFDIR | 0b001_111_111_111u, await ErofsInode.ModeAsync(prepared.RootfsPath, "tmp"));
        Assert.Equal(0, LibC.lstat(Path.Combine(root, "srv/app.txt"), out var app));
        Assert.Equal((1000u, 1000u), (app.st_uid, app.st_gid));
        Assert.Equal(await ErofsInode.NidAsync(prepared.RootfsPath, "srv/app.txt"), await ErofsInode.NidAsync(prepared.RootfsPath, "srv/app-link.txt"));

        Assert.Equal([ImagePhase.Resolving, ImagePhase.Pulling, ImagePhase.Verifying, ImagePhase.Unpacking, ImagePhase.BuildingRootfs, ImagePhase.Ready], progress.Phases);
        Assert.Contains(progress.Reports, report => report is { Phase: ImagePhase.Unpacking, LayerIndex: 2, LayerCount: 2 } && report.BytesDone == report.BytesTotal);
        Assert.Contains(progress.Reports, report => report.Phase == ImagePhase.Pulling && report.Detail?.StartsWith("Copying blob sha256:", StringComparison.Ordinal) == true);

        var record = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(prepared.RootfsPath, ".json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(prepared.ManifestDigest, record["manifestDigest"]!.GetValue<string>());
        Assert.Equal("/bin/hello", record["config"]!["entrypoint"]![0]!.GetValue<string>());
        Assert.Equal(prepared.RootfsBytes, record["rootfsBytes"]!.GetValue<long>());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "tmp")));
        Assert.Equal(0, TestImages.LayoutTagCount(store.ImagesDirectory));
    }

    [Fact]
    public async Task Serves_a_prepared_image_from_the_cache_and_references_by_digest_without_asking_the_registry()
    {
        var (reference, manifest) = await TestImages.PushAsync(Registry, "pull/cached", TestImages.Small("cached"));
        using var store = new TestStore();
        var first = await store.PrepareAsync(reference);
        var progress = new RecordingProgress();

        var again = await store.PrepareAsync(reference, progress: progress);
        var byDigest = await store.PrepareAsync($"{Registry.Host}/pull/cached@{manifest.Digest}");

        Assert.Equal(first.RootfsPath, again.RootfsPath);
        Assert.Equal(first.RootfsPath, byDigest.RootfsPath);
        Assert.Equal(manifest.Digest, byDigest.ManifestDigest);
        Assert.Equal([ImagePhase.Resolving, ImagePhase.Cached], progress.Phases);
        Assert.Equal(1, store.Runner.Count("copy"));
        Assert.Equal(2, store.Runner.Count("inspect"));
        Assert.Equal(1, store.Runner.Count("mkfs.erofs"));
    }

    [Fact]
    public async Task Pulls_from_a_loopback_registry_named_localhost()
    {
        await TestImages.PushAsync(Registry, "pull/localhost", TestImages.Small("localhost"));
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"localhost:{Registry.Port}/pull/localhost:1");

        Assert.Equal("localhost", await ReadFromImageAsync(prepared, "etc/image-name"));
    }

    [Fact]
    public async Task Pulls_by_digest()
    {
        var (_, manifest) = await TestImages.PushAsync(Registry, "pull/by-digest", TestImages.Small("by-digest"));
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"{Registry.Host}/pull/by-digest@{manifest.Digest}");

        Assert.Equal(manifest.Digest, prepared.ManifestDigest);
        Assert.Equal("by-digest", await ReadFromImageAsync(prepared, "etc/image-name"));
    }

    [Fact]
    public async Task Resolves_a_multi_platform_index_to_linux_amd64()
    {
        using var layout = new TemporaryDirectory("faas-layout-");
        var writer = new OciLayoutWriter(layout.Path);
        var arm = writer.AddImage(new ImageSpec([(new TarLayer().File("etc/arch", "arm64"), Compression.Gzip)]) { Architecture = "arm64" });
        var amd = writer.AddImage(new ImageSpec([(new TarLayer().File("etc/arch", "amd64"), Compression.Gzip)]));
        var index = writer.AddIndex(arm, amd);
        writer.Tag("multi", index);
        await Registry.PushAsync(layout.Path, "multi", "pull/multi:1", all: true);
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"{Registry.Host}/pull/multi:1");
        var progress = new RecordingProgress();
        var byIndexDigest = await store.PrepareAsync($"{Registry.Host}/pull/multi@{index.Digest}", progress: progress);

        Assert.Equal(amd.Digest, prepared.ManifestDigest);
        Assert.Equal("amd64", await ReadFromImageAsync(prepared, "etc/arch"));
        Assert.Equal(prepared.RootfsPath, byIndexDigest.RootfsPath);
        Assert.Equal([ImagePhase.Cached], progress.Phases);
    }

    [Fact]
    public async Task Refuses_an_image_for_another_architecture()
    {
        var (reference, _) = await TestImages.PushAsync(Registry, "pull/arm-only", TestImages.Small("arm") with { Architecture = "arm64" });
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(reference));

        Assert.Equal(ImageErrorKind.Unsupported, exception.Kind);
        Assert.Contains("is built for linux/arm64", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_gzip_zstd_and_uncompressed_layers()
    {
        var image = new ImageSpec(
        [
            (new TarLayer().File("from/gzip", "gzip").File("shared", "1"), Compression.Gzip),
            (new TarLayer().File("from/zstd", "zstd").File("shared", "2"), Compression.Zstd),
            (new TarLayer().File("from/plain", "plain").File("shared", "3"), Compression.None),
        ]);
        var (reference, _) = await TestImages.PushAsync(Registry, "pull/compression", image);
        using var store = new TestStore();

        var prepared = await store.PrepareAsync(reference);

        Assert.Equal("gzip", await ReadFromImageAsync(prepared, "from/gzip"));
        Assert.Equal("zstd", await ReadFromImageAsync(prepared, "from/zstd"));
        Assert.Equal("plain", await ReadFromImageAsync(prepared, "from/plain"));
        Assert.Equal("3", await ReadFromImageAsync(prepared, "shared"));
    }

    [Fact]
    public async Task Applies_whiteouts_and_opaque_directories_across_three_layers()
    {
        var image = ImageSpec.Of(
            new TarLayer().File("etc/a", "a").File("etc/b", "b").File("opt/x/y", "y").File("opt/keep", "keep").File("var/lib/data", "data"),
            new TarLayer().Whiteout("etc/a").File("opt/new", "new").Opaque("opt").File("opt/later", "later"),
            new TarLayer().Whiteout("var/lib").File("etc/c", "c"));
        var (reference, _) = await TestImages.PushAsync(Registry, "pull/whiteouts", image);
        using var store = new TestStore();

        var prepared = await store.PrepareAsync(reference);

        using var extracted = new TemporaryDirectory();
        var root = await Programs.ExtractErofsAsync(prepared.RootfsPath, extracted.Combine("root"));
        Assert.Equal(["etc/b", "etc/c", "opt/later", "opt/new"], Files(root));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "var")));
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_image_share_one_pull()
    {
        var (reference, _) = await TestImages.PushAsync(Registry, "pull/single-flight", TestImages.Sized("single-flight", 512 * 1024));
        using var store = new TestStore();
        var first = new RecordingProgress();
        var second = new RecordingProgress();

        var results = await Task.WhenAll(store.PrepareAsync(reference, progress: first), store.PrepareAsync(reference, progress: second));

        Assert.Equal(results[0], results[1]);
        Assert.Equal(1, store.Runner.Count("inspect"));
        Assert.Equal(1, store.Runner.Count("copy"));
        Assert.Equal(1, store.Runner.Count("mkfs.erofs"));
        Assert.Contains(ImagePhase.Ready, first.Phases);
        Assert.Contains(ImagePhase.Ready, second.Phases);
    }

    [Fact]
    public async Task Stores_sharing_a_cache_build_an_image_once()
    {
        var (reference, _) = await TestImages.PushAsync(Registry, "pull/two-stores", TestImages.Sized("two-stores", 512 * 1024));
        using var shared = new TemporaryDirectory("faas-cache-");
        using var one = new TestStore(sharedCache: shared);
        using var two = new TestStore(sharedCache: shared);

        var results = await Task.WhenAll(one.PrepareAsync(reference), two.PrepareAsync(reference));

        Assert.Equal(results[0].RootfsPath, results[1].RootfsPath);
        Assert.Equal(1, one.Runner.Count("copy") + two.Runner.Count("copy"));
        Assert.Equal(1, one.Runner.Count("mkfs.erofs") + two.Runner.Count("mkfs.erofs"));
    }

    [Fact]
    public async Task Reports_an_image_that_does_not_exist()
    {
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync($"{Registry.Host}/pull/nope:1"));

        Assert.Equal(ImageErrorKind.NotFound, exception.Kind);
        Assert.StartsWith($"image {Registry.Host}/pull/nope:1 not found (skopeo: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupted_blob_fails_with_a_digest_mismatch_and_leaves_nothing_in_the_cache()
    {
        var image = ImageSpec.Of(new TarLayer().File("etc/first", "first"), new TarLayer().File("etc/second", new byte[4096]));
        var (reference, manifest) = await TestImages.PushAsync(Registry, "pull/corrupt", image);
        var layerDigest = LayerDigests(manifest)[1];
        var data = Registry.BlobDataPath(layerDigest);
        var bytes = await File.ReadAllBytesAsync(data, TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(data, bytes, TestContext.Current.CancellationToken);
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(reference));

        Assert.Equal(ImageErrorKind.DigestMismatch, exception.Kind);
        Assert.Equal(layerDigest, exception.BlobDigest);
        Assert.StartsWith($"blob {layerDigest} of {reference} does not match its digest", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "rootfs")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "tmp")));
        Assert.Empty(TestImages.LayoutBlobs(store.ImagesDirectory));
        Assert.Equal(0, TestImages.LayoutTagCount(store.ImagesDirectory));
    }

    public static TheoryData<string, string> HostileLayers => new()
    {
        { "traversal", "escapes the image root" },
        { "absolute", "is an absolute path" },
        { "escaping-symlink", "escapes the image root" },
        { "hardlink-outside", "which is not a path inside the image" },
        { "device", "is a character device node" },
        { "write-through-symlink", "would be written through the symbolic link 'evil'" },
    };

    [Theory]
    [MemberData(nameof(HostileLayers))]
    public async Task Refuses_a_hostile_layer_naming_layer_and_entry_and_writes_nothing_outside_the_cache(string kind, string problem)
    {
        using var outside = new TemporaryDirectory("faas-canary-");
        var canary = outside.Combine("canary");
        Directory.CreateDirectory(canary);
        await File.WriteAllTextAsync(Path.Combine(canary, "keep"), "host file", TestContext.Current.CancellationToken);
        var (layers, entry) = Unpacking.Hostile.Layers(kind, canary);
        var (reference, manifest) = await TestImages.PushAsync(Registry, $"hostile/{kind}", ImageSpec.Of(layers));
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(reference));

        var layer = LayerDigests(manifest).Single(digest => exception.Message.Contains(digest, StringComparison.Ordinal));
        Assert.Equal(ImageErrorKind.UnsafeLayer, exception.Kind);
        Assert.Equal(entry, exception.EntryName);
        Assert.Equal(layer, exception.BlobDigest);
        Assert.StartsWith($"layer {layer} entry '{entry}' ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        Unpacking.Hostile.AssertCanaryUntouched(canary);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "rootfs")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "tmp")));
    }

    internal static async Task<string> ReadFromImageAsync(PreparedImage image, string path)
    {
        using var extracted = new TemporaryDirectory();
        var root = await Programs.ExtractErofsAsync(image.RootfsPath, extracted.Combine("root"));
        return await File.ReadAllTextAsync(Path.Combine(root, path), TestContext.Current.CancellationToken);
    }

    /// <summary>The digests of a pushed manifest's layers, read back from the registry's storage.</summary>
    private List<string> LayerDigests(Blob manifest)
    {
        var content = File.ReadAllText(Registry.BlobDataPath(manifest.Digest));
        return JsonNode.Parse(content)!["layers"]!.AsArray().Select(layer => layer!["digest"]!.GetValue<string>()).ToList();
    }

    private static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal)
            .ToList();
}
