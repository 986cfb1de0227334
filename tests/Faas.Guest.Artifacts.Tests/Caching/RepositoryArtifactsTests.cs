using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Initramfs;
using Faas.Guest.Artifacts.Tests.Support;
using Faas.Guest.Artifacts.Tools;
using Faas.Vmm.Caching;

namespace Faas.Guest.Artifacts.Tests.Caching;

/// <summary>The repository's own agent and kernel, in the real cache (so only the first run on a host is slow).</summary>
public sealed class RepositoryArtifactsTests
{
    [Fact]
    public async Task The_repository_agent_publishes_once_and_packs_into_an_initramfs_with_its_libraries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cacheRoot = CacheRootResolver.Resolve(null);
        var agents = new AgentCache(cacheRoot, SourceRootLocator.Find(null), CliWrapToolRunner.Instance);

        var agent = await agents.EnsureAsync(null, cancellationToken);
        var progress = new RecordingProgress();
        var again = await agents.EnsureAsync(progress, cancellationToken);

        Assert.Equal(agent, again);
        Assert.Empty(progress.Messages);

        var initrd = await new InitramfsCache(cacheRoot, new InitramfsBuilder()).EnsureAsync(agent, null, cancellationToken);
        var entries = NewcReader.Read(await File.ReadAllBytesAsync(initrd, cancellationToken)).ToDictionary(e => e.Name);
        var libraries = await new SharedLibraryResolver(CliWrapToolRunner.Instance).ResolveAsync(agent.Path, cancellationToken);

        Assert.Equal(await File.ReadAllBytesAsync(agent.Path, cancellationToken), entries["init"].Data);
        Assert.Contains("/lib64/ld-linux-x86-64.so.2", libraries);
        Assert.All(libraries, library => Assert.True(entries[library.TrimStart('/')].IsRegularFile, library));
    }

    [Fact]
    public async Task With_the_kernel_built_the_default_cache_gives_a_complete_guest_image()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var artifacts = new GuestArtifacts();
        var kernel = await new KernelCache(artifacts.CacheRoot, artifacts.SourceRoot, CliWrapToolRunner.Instance).FindAsync(cancellationToken);
        if (kernel is null)
        {
            Assert.Skip("The guest kernel is not built yet (guest/kernel/build.sh, about 15 minutes); tests do not build it.");
        }

        var image = await artifacts.EnsureAsync(cancellationToken: cancellationToken);
        var status = await artifacts.GetStatusAsync(cancellationToken);

        Assert.Equal(kernel.VmlinuxPath, image.KernelPath);
        Assert.Equal(kernel.Release, image.KernelRelease);
        Assert.Matches(@"^6\.1\.", image.KernelRelease);
        Assert.True(File.Exists(image.BzImagePath));
        Assert.True(File.Exists(image.InitrdPath));
        Assert.All(status, s => Assert.True(s.Cached, s.Name));
        Assert.Equal([image.KernelPath, Path.Combine(artifacts.CacheRoot, "agent", image.AgentKey, "faas-agent"), image.InitrdPath], status.Select(s => s.Path));
        Assert.Equal([image.KernelKey, image.AgentKey], status.Take(2).Select(s => s.Key));
    }
}
