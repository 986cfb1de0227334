using Faas.Worker.Images;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images.Caching;

public sealed class RootfsCacheTests(RegistryFixture registry)
{
    private const int ImageBytes = 256 * 1024;

    private RegistryServer Registry => registry.Server;

    [Fact]
    public async Task Evicts_the_least_recently_used_images_and_their_blobs()
    {
        var (a, _) = await TestImages.PushAsync(Registry, "lru/a", TestImages.Sized("a", ImageBytes));
        var (b, bManifest) = await TestImages.PushAsync(Registry, "lru/b", TestImages.Sized("b", ImageBytes));
        var (c, _) = await TestImages.PushAsync(Registry, "lru/c", TestImages.Sized("c", ImageBytes));
        using var measure = new TestStore();
        var size = (await measure.PrepareAsync(a)).RootfsBytes;
        using var store = new TestStore(rootfsCacheLimitBytes: (2 * size) + (size / 2));

        var preparedA = await store.PrepareAsync(a);
        var preparedB = await store.PrepareAsync(b);
        await store.PrepareAsync(a);
        var preparedC = await store.PrepareAsync(c);

        Assert.True(File.Exists(preparedA.RootfsPath));
        Assert.False(File.Exists(preparedB.RootfsPath));
        Assert.False(File.Exists(Path.ChangeExtension(preparedB.RootfsPath, ".json")));
        Assert.True(File.Exists(preparedC.RootfsPath));
        Assert.DoesNotContain(bManifest.Digest, TestImages.LayoutBlobs(store.ImagesDirectory));
        Assert.Contains(preparedA.ManifestDigest, TestImages.LayoutBlobs(store.ImagesDirectory));

        var rebuilt = await store.PrepareAsync(b);
        Assert.True(File.Exists(rebuilt.RootfsPath));
        Assert.Equal(4, store.Runner.Count("mkfs.erofs"));
    }

    [Fact]
    public async Task Never_evicts_the_image_being_prepared()
    {
        var (a, _) = await TestImages.PushAsync(Registry, "lru/only-a", TestImages.Sized("only-a", ImageBytes));
        var (b, _) = await TestImages.PushAsync(Registry, "lru/only-b", TestImages.Sized("only-b", ImageBytes));
        using var store = new TestStore(rootfsCacheLimitBytes: 1);

        var preparedA = await store.PrepareAsync(a);
        Assert.True(File.Exists(preparedA.RootfsPath));

        var preparedB = await store.PrepareAsync(b);
        Assert.True(File.Exists(preparedB.RootfsPath));
        Assert.False(File.Exists(preparedA.RootfsPath));
    }

    [Fact]
    public async Task A_blob_corrupted_in_the_local_cache_is_caught_by_its_digest_and_fetched_again()
    {
        var shared = new TarLayer().File("usr/lib/shared.so", new byte[8192]);
        var (first, firstManifest) = await TestImages.PushAsync(Registry, "local-corrupt/first", ImageSpec.Of(shared, new TarLayer().File("etc/name", "first")));
        var (second, _) = await TestImages.PushAsync(Registry, "local-corrupt/second", ImageSpec.Of(shared, new TarLayer().File("etc/name", "second")));
        using var store = new TestStore();
        await store.PrepareAsync(first);
        var sharedLayer = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Registry.BlobDataPath(firstManifest.Digest), TestContext.Current.CancellationToken))!["layers"]![0]!["digest"]!.GetValue<string>();
        var cachedBlob = Path.Combine(store.ImagesDirectory, "blobs", "blobs", "sha256", sharedLayer["sha256:".Length..]);
        var bytes = await File.ReadAllBytesAsync(cachedBlob, TestContext.Current.CancellationToken);
        bytes[^10] ^= 0x55;
        await File.WriteAllBytesAsync(cachedBlob, bytes, TestContext.Current.CancellationToken);

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(second));

        Assert.Equal(ImageErrorKind.DigestMismatch, exception.Kind);
        Assert.StartsWith($"blob {sharedLayer} of {second} does not match its digest", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(cachedBlob));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "tmp")));

        var retried = await store.PrepareAsync(second);
        Assert.Equal("second", await ImageStoreRegistryTests.ReadFromImageAsync(retried, "etc/name"));
    }

    [Fact]
    public async Task Removes_what_exited_processes_left_in_the_temporary_folder()
    {
        var (reference, _) = await TestImages.PushAsync(Registry, "leftovers/app", TestImages.Small("leftovers"));
        using var store = new TestStore();
        var temporary = Path.Combine(store.ImagesDirectory, "tmp");
        Directory.CreateDirectory(Path.Combine(temporary, "2147483-0123456789abcdef", "usr"));
        await File.WriteAllTextAsync(Path.Combine(temporary, "2147483-fedcba9876543210.erofs"), "partial", TestContext.Current.CancellationToken);
        var mine = Path.Combine(temporary, $"{Environment.ProcessId}-00000000000000000000000000000000");
        Directory.CreateDirectory(mine);

        await store.PrepareAsync(reference);

        Assert.Equal([mine], Directory.EnumerateFileSystemEntries(temporary));
    }
}
