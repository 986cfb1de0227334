using Faas.Guest.Artifacts.Tools;
using Faas.Vmm.Caching;

namespace Faas.Guest.Artifacts.Caching;

/// <summary>
/// The guest kernel, built and cached by guest/kernel/build.sh under &lt;cache&gt;/kernel/&lt;key&gt;.
/// The script takes its own lock, so concurrent processes build it once.
/// </summary>
internal sealed class KernelCache(string cacheRoot, string sourceRoot, IToolRunner tools)
{
    private const int NotBuiltExitCode = 1;

    private string ScriptPath => Path.Combine(sourceRoot, "guest", "kernel", "build.sh");

    public async Task<string> ComputeKeyAsync(CancellationToken cancellationToken)
    {
        var result = (await RunScriptAsync("--hash", progress: null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        return result.LastOutputLine ?? throw result.ToException("guest/kernel/build.sh --hash printed no key.");
    }

    /// <returns>The cached kernel, or null when it has not been built.</returns>
    public async Task<KernelArtifact?> FindAsync(CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync("--check", progress: null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == NotBuiltExitCode ? null : Load(result.EnsureSuccess());
    }

    public async Task<KernelArtifact> EnsureAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var kernel = await FindAsync(cancellationToken).ConfigureAwait(false);
        if (kernel is null)
        {
            progress?.Report("building guest kernel (about 15 minutes on 2 cores)…");
            kernel = Load((await RunScriptAsync(argument: null, progress, cancellationToken).ConfigureAwait(false)).EnsureSuccess());
            progress?.Report($"guest kernel {kernel.Release} built: {kernel.Directory}");
        }

        return kernel;
    }

    private static KernelArtifact Load(ToolResult result)
    {
        var directory = result.LastOutputLine ?? throw result.ToException("guest/kernel/build.sh did not print the kernel directory.");
        foreach (var name in new[] { KernelArtifact.VmlinuxName, KernelArtifact.BzImageName, KernelArtifact.ReleaseName })
        {
            if (!File.Exists(Path.Combine(directory, name)))
            {
                throw result.ToException($"The kernel directory '{directory}' has no {name}.");
            }
        }

        var release = File.ReadAllText(Path.Combine(directory, KernelArtifact.ReleaseName)).Trim();
        return new KernelArtifact(directory, Path.GetFileName(directory), release);
    }

    private Task<ToolResult> RunScriptAsync(string? argument, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new GuestSourceNotFoundException($"The guest kernel build script '{ScriptPath}' does not exist.");
        }

        string[] arguments = argument is null ? [ScriptPath] : [ScriptPath, argument];
        var invocation = new ToolInvocation("bash", arguments)
        {
            DisplayName = argument is null ? "guest/kernel/build.sh" : $"guest/kernel/build.sh {argument}",
            Environment = new Dictionary<string, string?> { [CacheRootResolver.CacheDirectoryVariable] = cacheRoot },
            StandardErrorLines = progress,
        };
        return tools.RunAsync(invocation, cancellationToken);
    }
}
