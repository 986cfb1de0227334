using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Tests.Support;
using Faas.Vmm.Caching;

namespace Faas.Guest.Artifacts.Tests.Caching;

public sealed class SourceRootLocatorTests
{
    [Fact]
    public void Finds_the_repository_above_the_test_binaries()
    {
        var root = SourceRootLocator.Find(null);

        Assert.True(File.Exists(Path.Combine(root, "faas.sln")));
        Assert.True(File.Exists(Path.Combine(root, "guest", "kernel", "build.sh")));
    }

    [Fact]
    public void An_explicit_directory_without_guest_sources_is_a_clear_error()
    {
        using var empty = new TemporaryDirectory();

        var error = Assert.Throws<GuestSourceNotFoundException>(() => SourceRootLocator.Find(empty.Path));

        Assert.Contains(empty.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("guest/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_cache_root_wins()
    {
        Assert.Equal("/var/tmp/faas-cache", CacheRootResolver.Resolve("/var/tmp/faas-cache/"[..^1]));
    }
}
