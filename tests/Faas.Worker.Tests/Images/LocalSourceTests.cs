using Faas.Worker.Images;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images;

public sealed class LocalSourceTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Prepares_an_image_from_an_oci_layout_directory_keeping_uncompressed_and_zstd_layers()
    {
        var layout = directory.Combine("layout");
        var manifest = new OciLayoutWriter(layout).AddImage("v1", new ImageSpec(
        [
            (new TarLayer().File("etc/plain", "plain"), Compression.None),
            (new TarLayer().File("etc/zstd", "zstd"), Compression.Zstd),
        ]));
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"oci:{layout}:v1");

        Assert.Equal(manifest.Digest, prepared.ManifestDigest);
        Assert.Equal("plain", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/plain"));
        Assert.Equal("zstd", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/zstd"));
        Assert.Contains(manifest.Digest, TestImages.LayoutBlobs(store.ImagesDirectory));
    }

    [Fact]
    public async Task Resolves_an_index_in_an_oci_layout_to_linux_amd64()
    {
        var layout = directory.Combine("layout");
        var writer = new OciLayoutWriter(layout);
        var arm = writer.AddImage(new ImageSpec([(new TarLayer().File("etc/arch", "arm64"), Compression.Gzip)]) { Architecture = "arm64" });
        var amd = writer.AddImage(new ImageSpec([(new TarLayer().File("etc/arch", "amd64"), Compression.Gzip)]));
        writer.Tag("multi", writer.AddIndex(arm, amd));
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"oci:{layout}:multi");

        Assert.Equal(amd.Digest, prepared.ManifestDigest);
        Assert.Equal("amd64", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/arch"));
    }

    [Fact]
    public async Task Prepares_an_image_from_an_oci_archive()
    {
        var layout = directory.Combine("layout");
        new OciLayoutWriter(layout).AddImage("v1", TestImages.Small("from-oci-archive"));
        var archive = directory.Combine("image.tar");
        await Programs.SkopeoCopyAsync($"oci:{layout}:v1", $"oci-archive:{archive}:v1");
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"oci-archive:{archive}:v1");

        Assert.Equal("from-oci-archive", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/image-name"));
        Assert.Equal(["/bin/hello"], prepared.Config.Entrypoint);
    }

    [Fact]
    public async Task Prepares_an_image_from_a_docker_archive()
    {
        var layout = directory.Combine("layout");
        new OciLayoutWriter(layout).AddImage("v1", ImageSpec.Of(
            new TarLayer().File("etc/image-name", "from-docker-archive").File("etc/removed", "x"),
            new TarLayer().Whiteout("etc/removed")));
        var archive = directory.Combine("saved.tar");
        await Programs.SkopeoCopyAsync($"oci:{layout}:v1", $"docker-archive:{archive}:faas/saved:v1");
        using var store = new TestStore();

        var prepared = await store.PrepareAsync($"docker-archive:{archive}");
        var again = await store.PrepareAsync($"docker-archive:{archive}");

        Assert.Equal("from-docker-archive", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/image-name"));
        Assert.Equal(["/bin/hello"], prepared.Config.Entrypoint);
        Assert.Equal("/srv", prepared.Config.WorkingDir);
        Assert.Equal([8080], prepared.Config.ExposedPorts);
        Assert.Equal(prepared.ManifestDigest, again.ManifestDigest);
        Assert.Equal(1, store.Runner.Count("copy"));
        using var extracted = new TemporaryDirectory();
        var root = await Programs.ExtractErofsAsync(prepared.RootfsPath, extracted.Combine("root"));
        Assert.False(File.Exists(Path.Combine(root, "etc/removed")));
    }

    [Fact]
    public async Task Reports_a_missing_layout()
    {
        using var store = new TestStore();
        var missing = directory.Combine("missing");

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync($"oci:{missing}:v1"));

        Assert.Equal(ImageErrorKind.NotFound, exception.Kind);
        Assert.StartsWith($"image oci:{missing}:v1 not found", exception.Message, StringComparison.Ordinal);
    }
}
