using Faas.Vmm.Guest;
using Faas.Vmm.Qemu;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Snapshots.Eviction;

/// <summary>The snapshot cache's limit: given, or a quarter of the file system under the cache (at most 50 GiB); never 0.</summary>
public sealed class SnapshotCacheLimitTests : IDisposable
{
    private readonly TemporaryDirectory _cache = new("faas-limit-");

    [Fact]
    public async Task By_default_the_limit_is_a_quarter_of_the_file_system_that_holds_the_cache_at_most_50_GiB()
    {
        var df = await Programs.RunAsync("df", "--block-size=1", "--output=size", _cache.Path);
        var fileSystemBytes = long.Parse(df.StandardOutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fileSystemBytes, SnapshotCacheLimit.FileSystemBytes(_cache.Path));
        Assert.Equal(fileSystemBytes, SnapshotCacheLimit.FileSystemBytes(Path.Combine(_cache.Path, "not", "yet", "there")));
        Assert.Equal(Math.Min(fileSystemBytes / 4, 50L << 30), SnapshotCacheLimit.Resolve(null, Path.Combine(_cache.Path, "cache")));
        Assert.Equal(12345, SnapshotCacheLimit.Resolve(12345, _cache.Path));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void A_manager_refuses_a_limit_that_is_not_positive(long limit)
    {
        var guest = new GuestImage("/nonexistent/vmlinux", "/nonexistent/bzImage", "/nonexistent/initrd", "kernel", "agent", "6.1");

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new InstanceManager(
            new QemuBackend(),
            guest,
            new ImageStore(new ImageStoreOptions { CacheRoot = _cache.Path }),
            new InstanceManagerOptions { CacheRoot = _cache.Path, SnapshotCacheMaxBytes = limit }));

        Assert.Equal("SnapshotCacheMaxBytes", refused.ParamName);
    }

    [Fact]
    public async Task A_manager_resolves_its_limit_and_cleans_up_in_the_background_when_it_starts()
    {
        var leftover = HandmadeSnapshot.Write(_cache.Path, HandmadeSnapshot.Key('1'));
        File.Delete(Path.Combine(leftover, "function.json"));
        var guest = new GuestImage("/nonexistent/vmlinux", "/nonexistent/bzImage", "/nonexistent/initrd", "kernel", "agent", "6.1");

        await using var manager = new InstanceManager(
            new QemuBackend(),
            guest,
            new ImageStore(new ImageStoreOptions { CacheRoot = _cache.Path }),
            new InstanceManagerOptions { CacheRoot = _cache.Path });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.Exists(leftover) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(SnapshotCacheLimit.Resolve(null, _cache.Path), manager.SnapshotCacheMaxBytes);
        Assert.False(Directory.Exists(leftover), "the pass started with the manager removes the incomplete snapshot");
    }

    public void Dispose() => _cache.Dispose();
}
