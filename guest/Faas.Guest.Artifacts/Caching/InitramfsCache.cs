using Faas.Common.IO;
using Faas.Guest.Artifacts.Initramfs;

namespace Faas.Guest.Artifacts.Caching;

/// <summary>The initramfs, built once per (agent, busybox, layout version) to &lt;cache&gt;/initramfs/&lt;key&gt;.cpio.</summary>
internal sealed class InitramfsCache(string cacheRoot, InitramfsBuilder builder)
{
    private const int WriteBufferSize = 1 << 16;

    private string CacheDirectory => Path.Combine(cacheRoot, "initramfs");

    public async Task<string> ComputeKeyAsync(string agentKey, CancellationToken cancellationToken)
    {
        builder.EnsureBusyboxExists();
        var busybox = await ContentHash.OfFileAsync(builder.BusyboxPath, cancellationToken).ConfigureAwait(false);
        return ContentHash.OfText($"faas initramfs format {InitramfsBuilder.FormatVersion}\nagent {agentKey}\nbusybox {busybox}\n");
    }

    public string PathFor(string key) => Path.Combine(CacheDirectory, key + ".cpio");

    public async Task<string> EnsureAsync(AgentArtifact agent, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var path = PathFor(await ComputeKeyAsync(agent.Key, cancellationToken).ConfigureAwait(false));
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(CacheDirectory);
            using (await FileLock.AcquireAsync(Path.Combine(CacheDirectory, CacheFiles.LockName), message => progress?.Report(message), cancellationToken).ConfigureAwait(false))
            {
                if (!File.Exists(path))
                {
                    progress?.Report("building initramfs…");
                    await BuildAsync(agent, path, cancellationToken).ConfigureAwait(false);
                    progress?.Report($"initramfs built: {path}");
                }
            }
        }

        return path;
    }

    private async Task BuildAsync(AgentArtifact agent, string path, CancellationToken cancellationToken)
    {
        CacheFiles.RemoveLeftovers(CacheDirectory);
        var temporary = Path.Combine(CacheDirectory, CacheFiles.NewTemporaryName(".cpio"));
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, WriteBufferSize, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await builder.BuildAsync(agent.Path, stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            CacheFiles.TryDelete(temporary);
            throw;
        }
    }
}
