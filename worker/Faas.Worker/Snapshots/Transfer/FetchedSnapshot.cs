using System.Text.Json;
using Faas.Vmm;

namespace Faas.Worker.Snapshots.Transfer;

/// <summary>Makes a verified snapshot from a peer this worker's own: its boot spec names this worker's kernel, initramfs and disks.</summary>
internal static class FetchedSnapshot
{
    /// <summary>Checks the peer's records in <paramref name="directory"/>, rewrites the backend's snapshot description, and returns the function's channel.</summary>
    /// <param name="directory">The fetched snapshot (its digest already verified).</param>
    /// <param name="key">The content key it was fetched for.</param>
    /// <param name="backend">This worker's backend; only its own snapshots can be restored.</param>
    /// <param name="ownSpec">How this worker boots the function; memory and vCPUs must be the snapshot's.</param>
    /// <exception cref="SnapshotFetchException">The snapshot cannot be used here.</exception>
    public static uint Adopt(string directory, string key, string backend, VmBootSpec ownSpec)
    {
        ArgumentNullException.ThrowIfNull(ownSpec);
        SnapshotRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, SnapshotStore.RecordFileName)), SnapshotJsonContext.Default.SnapshotRecord);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new SnapshotFetchException($"its {SnapshotStore.RecordFileName} is missing or unreadable: {e.Message}", e);
        }

        if (record is null || record.Format != SnapshotRecord.CurrentFormat || !string.Equals(record.Key, key, StringComparison.Ordinal))
        {
            throw new SnapshotFetchException($"its {SnapshotStore.RecordFileName} is not a format {SnapshotRecord.CurrentFormat} record of snapshot {key}");
        }

        VmSnapshot vm;
        try
        {
            vm = VmSnapshot.Load(Path.Combine(directory, SnapshotStore.VmDirectoryName));
        }
        catch (VmException e)
        {
            throw new SnapshotFetchException(e.Message, e);
        }

        if (!string.Equals(vm.Backend, backend, StringComparison.Ordinal))
        {
            throw new SnapshotFetchException($"it was taken by the {vm.Backend} backend; this worker runs {backend}");
        }

        if (vm.Spec.MemoryMiB != ownSpec.MemoryMiB || vm.Spec.VcpuCount != ownSpec.VcpuCount)
        {
            throw new SnapshotFetchException(
                $"its VM has {vm.Spec.MemoryMiB} MiB and {vm.Spec.VcpuCount} vCPUs; the function has {ownSpec.MemoryMiB} MiB and {ownSpec.VcpuCount} vCPUs");
        }

        if ((vm.Spec.Disks?.Count ?? 0) != (ownSpec.Disks?.Count ?? 0))
        {
            throw new SnapshotFetchException($"its VM has {vm.Spec.Disks?.Count ?? 0} disks; the function has {ownSpec.Disks?.Count ?? 0}");
        }

        (vm with { Spec = ownSpec }).Save();
        return record.FunctionChannel;
    }
}
