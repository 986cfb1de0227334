using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Initramfs;
using Faas.Guest.Artifacts.Tools;
using Faas.Vmm.Caching;
using Faas.Vmm.Guest;

namespace Faas.Guest.Artifacts;

/// <summary>
/// The guest kernel, the NativeAOT guest agent and the initramfs holding the agent, built from the faas source tree
/// on first use and cached by content key. Safe to call from several processes at once: each artifact is built once.
/// </summary>
public sealed class GuestArtifacts
{
    public const string KernelName = "kernel";
    public const string AgentName = "agent";
    public const string InitramfsName = "initramfs";

    private readonly string? explicitSourceRoot;
    private readonly IToolRunner tools;
    private readonly InitramfsBuilder initramfsBuilder;
    private string? sourceRoot;

    /// <param name="cacheRoot">Defaults to $FAAS_CACHE_DIR, else $XDG_CACHE_HOME/faas, else ~/.cache/faas.</param>
    /// <param name="sourceRoot">
    /// The faas repository root. Defaults to the first directory holding faas.sln above $FAAS_SOURCE_DIR when set,
    /// else above the application's base directory.
    /// </param>
    public GuestArtifacts(string? cacheRoot = null, string? sourceRoot = null)
        : this(cacheRoot, sourceRoot, CliWrapToolRunner.Instance, InitramfsBuilder.DefaultBusyboxPath)
    {
    }

    internal GuestArtifacts(string? cacheRoot, string? sourceRoot, IToolRunner tools, string busyboxPath)
    {
        CacheRoot = CacheRootResolver.Resolve(cacheRoot);
        explicitSourceRoot = sourceRoot;
        this.tools = tools;
        initramfsBuilder = new InitramfsBuilder(busyboxPath, tools);
    }

    public string CacheRoot { get; }

    /// <exception cref="GuestSourceNotFoundException">The source tree cannot be found.</exception>
    public string SourceRoot => sourceRoot ??= SourceRootLocator.Find(explicitSourceRoot);

    private KernelCache Kernel => new(CacheRoot, SourceRoot, tools);

    private AgentCache Agent => new(CacheRoot, SourceRoot, tools);

    private InitramfsCache Initramfs => new(CacheRoot, initramfsBuilder);

    /// <summary>Builds whatever is missing (the kernel takes about 15 minutes, the agent 1–2) and reports each step.</summary>
    /// <exception cref="ArtifactBuildException">A build tool failed.</exception>
    /// <exception cref="GuestSourceNotFoundException">The source tree cannot be found.</exception>
    public async Task<GuestImage> EnsureAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var kernel = await Kernel.EnsureAsync(progress, cancellationToken).ConfigureAwait(false);
        var agent = await Agent.EnsureAsync(progress, cancellationToken).ConfigureAwait(false);
        var initrd = await Initramfs.EnsureAsync(agent, progress, cancellationToken).ConfigureAwait(false);
        return new GuestImage(kernel.VmlinuxPath, kernel.BzImagePath, initrd, kernel.Key, agent.Key, kernel.Release);
    }

    /// <summary>Says which artifacts are cached, without building anything.</summary>
    /// <exception cref="GuestSourceNotFoundException">The source tree cannot be found.</exception>
    public async Task<IReadOnlyList<ArtifactStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var agentCache = Agent;
        var agentKey = await agentCache.ComputeKeyAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            await GetKernelStatusAsync(cancellationToken).ConfigureAwait(false),
            StatusOfFile(AgentName, agentKey, agentCache.PathFor(agentKey)),
            await GetInitramfsStatusAsync(agentKey, cancellationToken).ConfigureAwait(false),
        ];
    }

    private static ArtifactStatus StatusOfFile(string name, string key, string path)
    {
        var cached = File.Exists(path);
        return new ArtifactStatus(name, key, cached, cached ? path : null);
    }

    private async Task<ArtifactStatus> GetKernelStatusAsync(CancellationToken cancellationToken)
    {
        var kernelCache = Kernel;
        try
        {
            var key = await kernelCache.ComputeKeyAsync(cancellationToken).ConfigureAwait(false);
            var kernel = await kernelCache.FindAsync(cancellationToken).ConfigureAwait(false);
            return new ArtifactStatus(KernelName, key, kernel is not null, kernel?.VmlinuxPath);
        }
        catch (ArtifactBuildException exception)
        {
            return new ArtifactStatus(KernelName, "", Cached: false, Path: null, exception.Message);
        }
    }

    private async Task<ArtifactStatus> GetInitramfsStatusAsync(string agentKey, CancellationToken cancellationToken)
    {
        var initramfsCache = Initramfs;
        try
        {
            var key = await initramfsCache.ComputeKeyAsync(agentKey, cancellationToken).ConfigureAwait(false);
            return StatusOfFile(InitramfsName, key, initramfsCache.PathFor(key));
        }
        catch (FileNotFoundException exception)
        {
            return new ArtifactStatus(InitramfsName, "", Cached: false, Path: null, exception.Message);
        }
    }
}
