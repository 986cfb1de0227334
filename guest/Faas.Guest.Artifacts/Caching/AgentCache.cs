using Faas.Common.IO;
using Faas.Guest.Artifacts.Tools;

namespace Faas.Guest.Artifacts.Caching;

/// <summary>The NativeAOT guest agent, published once per source key to &lt;cache&gt;/agent/&lt;key&gt;/faas-agent.</summary>
internal sealed class AgentCache(string cacheRoot, string sourceRoot, IToolRunner tools)
{
    public const string BinaryName = "faas-agent";

    private string CacheDirectory => Path.Combine(cacheRoot, "agent");

    private string ProjectPath => Path.Combine(sourceRoot, "guest", "Faas.Guest.Agent", "Faas.Guest.Agent.csproj");

    public Task<string> ComputeKeyAsync(CancellationToken cancellationToken) => AgentSourceKey.ComputeAsync(sourceRoot, cancellationToken);

    public string PathFor(string key) => Path.Combine(CacheDirectory, key, BinaryName);

    public async Task<AgentArtifact> EnsureAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var key = await ComputeKeyAsync(cancellationToken).ConfigureAwait(false);
        var agent = new AgentArtifact(key, PathFor(key));
        if (!File.Exists(agent.Path))
        {
            Directory.CreateDirectory(CacheDirectory);
            using (await FileLock.AcquireAsync(Path.Combine(CacheDirectory, CacheFiles.LockName), message => progress?.Report(message), cancellationToken).ConfigureAwait(false))
            {
                if (!File.Exists(agent.Path))
                {
                    progress?.Report("building guest agent (NativeAOT)…");
                    await PublishAsync(key, cancellationToken).ConfigureAwait(false);
                    progress?.Report($"guest agent built: {agent.Path}");
                }
            }
        }

        return agent;
    }

    private async Task PublishAsync(string key, CancellationToken cancellationToken)
    {
        if (!File.Exists(ProjectPath))
        {
            throw new GuestSourceNotFoundException($"The guest agent project '{ProjectPath}' does not exist.");
        }

        CacheFiles.RemoveLeftovers(CacheDirectory);
        var work = Path.Combine(CacheDirectory, CacheFiles.NewTemporaryName());
        var publish = Path.Combine(work, "publish");
        var staging = Path.Combine(work, key);
        try
        {
            var invocation = new ToolInvocation("dotnet", ["publish", ProjectPath, "-c", "Release", "-o", publish, "--nologo", "--disable-build-servers", "-nodeReuse:false"])
            {
                DisplayName = "dotnet publish",
                WorkingDirectory = sourceRoot,
                Environment = new Dictionary<string, string?>
                {
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                    ["DOTNET_NOLOGO"] = "1",
                    ["MSBUILDDISABLENODEREUSE"] = "1",
                },
            };
            var result = (await tools.RunAsync(invocation, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            var binary = Path.Combine(publish, BinaryName);
            if (!File.Exists(binary))
            {
                throw result.ToException($"dotnet publish succeeded but wrote no {BinaryName} to '{publish}'.");
            }

            Directory.CreateDirectory(staging);
            File.Move(binary, Path.Combine(staging, BinaryName));
            Directory.Move(staging, Path.Combine(CacheDirectory, key));
        }
        finally
        {
            CacheFiles.TryDelete(work);
        }
    }
}
