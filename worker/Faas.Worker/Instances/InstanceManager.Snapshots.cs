using Faas.Vmm;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Snapshots.Transfer;

namespace Faas.Worker.Instances;

/// <summary>The manager's snapshots: taken here or fetched from a peer, and evicted past the cache's limit.</summary>
public sealed partial class InstanceManager
{
    /// <summary>
    /// Takes the function's snapshot (or finds it already here, or fetches it from the peer the definition names); a backend that cannot
    /// snapshot leaves the function booting each instance.
    /// </summary>
    private async Task SnapshotAsync(FunctionRuntime runtime, IProgress<DeployStep>? progress, CancellationToken cancellationToken)
    {
        var directory = _snapshots.DirectoryOf(runtime.SnapshotKey);
        runtime.SnapshotStatus = new SnapshotStatus(SnapshotState.Creating, runtime.SnapshotKey, directory);
        SnapshotFetchResult? fetched = null;
        SnapshotFetch? fetch = null;
        if (runtime.Definition.SnapshotSource is { } source)
        {
            if (string.Equals(source.Key, runtime.SnapshotKey, StringComparison.Ordinal))
            {
                fetch = new SnapshotFetch(
                    async (into, token) =>
                    {
                        (fetched, var channel) = await FetchSnapshotAsync(runtime, source, into, progress, token).ConfigureAwait(false);
                        return channel;
                    },
                    reason => runtime.Log.Append("-", LogSource.Platform, $"could not fetch the snapshot from {source.Worker}: {reason}; taking it here"));
            }
            else
            {
                runtime.Log.Append("-", LogSource.Platform, $"{source.Worker} offered snapshot {source.Key[..Math.Min(12, source.Key.Length)]}, not this function's {runtime.SnapshotKey[..12]}; taking it here");
            }
        }

        try
        {
            var stored = await _snapshots.GetOrCreateAsync(
                runtime.SnapshotKey,
                (into, token) => TakeSnapshotAsync(runtime, into, progress, token),
                (runtime.Image.ManifestDigest, runtime.Key.ToString()),
                cancellationToken,
                fetch).ConfigureAwait(false);
            runtime.Snapshot = stored;
            runtime.SnapshotStatus = new SnapshotStatus(SnapshotState.Ready, stored.Key, stored.Directory, stored.CreatedAt, Origin: stored.Origin);
            if (stored.Origin == SnapshotOrigins.Fetched && fetched is { Succeeded: true } result)
            {
                runtime.Log.Append(
                    "-",
                    LogSource.Platform,
                    FormattableString.Invariant(
                        $"snapshot fetched from {runtime.Definition.SnapshotSource!.Worker} ({result.Bytes / (double)MiB:0.#} MiB, {result.DataBytes / (double)MiB:0.#} MiB of data, in {result.Elapsed.TotalSeconds:0.##} s); new instances restore from it"));
            }
        }
        catch (SnapshotFailedException e)
        {
            runtime.SnapshotStatus = new SnapshotStatus(SnapshotState.Failed, runtime.SnapshotKey, directory, Error: e.Message);
            runtime.Log.Append("-", LogSource.Platform, $"no snapshot: {e.Message}; instances will boot");
        }
    }

    /// <summary>Fetches the snapshot from the peer into <paramref name="into"/> and makes it this worker's; on failure, logs why and returns no channel.</summary>
    private async Task<(SnapshotFetchResult Result, uint? FunctionChannel)> FetchSnapshotAsync(
        FunctionRuntime runtime, SnapshotSource source, string into, IProgress<DeployStep>? progress, CancellationToken cancellationToken)
    {
        var peer = source.Worker.IsAbsoluteUri ? source.Worker.GetLeftPart(UriPartial.Authority) : source.Worker.ToString();
        progress?.Report(new DeployStep(DeployStage.Snapshotting, $"fetching the snapshot from {peer}"));
        var definition = runtime.Definition;
        var result = await _fetcher.FetchAsync(
            source,
            into,
            (definition.MemoryMiB * MiB) + SnapshotOverheadBytes,
            (done, total) => progress?.Report(new DeployStep(
                DeployStage.Snapshotting, FormattableString.Invariant($"fetching the snapshot from {peer}: {done / (double)MiB:0.#} of {total / (double)MiB:0.#} MiB"))),
            cancellationToken).ConfigureAwait(false);
        var error = result.Error;
        if (result.Succeeded)
        {
            // The spec ImageVm boots the function with, so restores here use this worker's own kernel, initramfs and root filesystem.
            var ownSpec = new VmBootSpec(
                _starter.Guest.KernelPath, _starter.Guest.InitrdPath, definition.MemoryMiB, definition.VcpuCount, Disks: [new VmDisk(runtime.Image.RootfsPath)], Snapshottable: true);
            try
            {
                return (result, FetchedSnapshot.Adopt(into, runtime.SnapshotKey, _starter.Backend.Name, ownSpec));
            }
            catch (SnapshotFetchException e)
            {
                error = e.Message;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"it could not be made this worker's: {e.Message}";
            }
        }

        runtime.Log.Append("-", LogSource.Platform, $"could not fetch the snapshot from {source.Worker}: {error}; taking it here");
        return (result with { Error = error }, null);
    }

    private async Task<(VmSnapshot Vm, uint FunctionChannel)> TakeSnapshotAsync(
        FunctionRuntime runtime, string directory, IProgress<DeployStep>? progress, CancellationToken cancellationToken)
    {
        var id = InstanceIds.New();
        var output = new InstanceOutput(runtime.Log, id);
        progress?.Report(new DeployStep(DeployStage.Booting, "booting a VM until the function is ready"));
        var booted = await _starter.BootAsync(runtime, output, snapshottable: true, cancellationToken).ConfigureAwait(false);
        runtime.Log.Append(id, LogSource.Platform, $"booted in VM {booted.Started.Vm.Id} to take the function's snapshot (ready {booted.Ready.StartToReadyMilliseconds} ms after its process started)");
        try
        {
            progress?.Report(new DeployStep(DeployStage.Snapshotting, "snapshotting the ready VM"));
            var snapshot = await _starter.Backend.SnapshotAsync(booted.Started.Vm, directory, cancellationToken).ConfigureAwait(false);
            runtime.Log.Append(id, LogSource.Platform, "snapshot taken; this VM stopped, new instances restore from the snapshot");
            return (snapshot, booted.FunctionChannel);
        }
        catch (Exception e) when (e is VmException or NotSupportedException or IOException)
        {
            throw new SnapshotFailedException($"the {_starter.Backend.Name} backend could not snapshot function {runtime.Key}: {e.Message}", e);
        }
        finally
        {
            await booted.Started.Vm.DisposeAsync().ConfigureAwait(false);
            output.Flush();
        }
    }

    private void ReportEviction(EvictedSnapshot evicted)
    {
        WorkerMetrics.RecordSnapshotEviction(evicted.Reason);
        if (_logger is null)
        {
            return;
        }

        if (evicted.Reason == EvictionReason.OverLimit)
        {
            _logger.Evicted(evicted.Key, evicted.Bytes, evicted.LastUsedUtc, _snapshotCache.LimitBytes);
        }
        else
        {
            _logger.RemovedIncomplete(evicted.Key, evicted.Bytes);
        }
    }
}
