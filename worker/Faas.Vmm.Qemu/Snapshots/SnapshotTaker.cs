using System.Security.Cryptography;
using Faas.Vmm.Qemu.Qmp;

namespace Faas.Vmm.Qemu.Snapshots;

/// <summary>
/// Takes a snapshot of a VM booted snapshottable: its RAM is already a file (a shared mapping), so only the device state is
/// saved; then QEMU is stopped and the RAM file moves into the snapshot (a rename on one file system).
/// </summary>
internal static class SnapshotTaker
{
    /// <exception cref="VmException">The VM cannot be snapshotted (it is left as it was) or saving failed (it was stopped).</exception>
    public static async Task<VmSnapshot> TakeAsync(QemuMicroVm vm, string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var memoryPath = RequireSnapshottable(vm);
        var target = Path.GetFullPath(directory);
        var partial = SnapshotDirectory.CreatePartial(target);
        try
        {
            var statePath = QemuSnapshotFiles.StatePath(partial);
            using (var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var state = File.OpenHandle(statePath, FileMode.CreateNew, FileAccess.Write))
            {
                timeLimit.CancelAfter(timeout);
                await SaveStateAsync(vm, state, timeout, timeLimit.Token, cancellationToken).ConfigureAwait(false);
            }

            var hello = vm.Agent.Hello;
            var nextChannel = vm.Agent.NextChannel;
            await vm.KillAsync().ConfigureAwait(false);

            var snapshotMemoryPath = QemuSnapshotFiles.MemoryPath(partial);
            SparseFile.Move(memoryPath, snapshotMemoryPath);
            var (stateBytes, stateSha256) = Seal(statePath, withChecksum: true);
            var (memoryBytes, _) = Seal(snapshotMemoryPath, withChecksum: false);
            var snapshot = new VmSnapshot(partial, QemuBackend.BackendName, vm.Spec, hello, nextChannel, stateBytes, memoryBytes) { StateSha256 = stateSha256 };
            snapshot.Save();
            SnapshotDirectory.Commit(partial, target);
            return snapshot with { Directory = target };
        }
        catch (Exception e)
        {
            await vm.KillAsync().ConfigureAwait(false);
            SnapshotDirectory.Discard(partial);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new VmException($"cannot write the snapshot of VM {vm.Id} to '{target}': {e.Message}", e);
            }

            throw;
        }
    }

    private static string RequireSnapshottable(QemuMicroVm vm)
    {
        if (vm.Exited.IsCompleted)
        {
            throw new VmException($"VM {vm.Id} has stopped: there is nothing to snapshot");
        }

        if (vm.SnapshottableMemoryPath is not { } memoryPath)
        {
            throw new VmException(vm.IsRestored
                ? $"VM {vm.Id} was restored from a snapshot: its RAM is a private copy of that snapshot's, take snapshots of booted VMs"
                : $"VM {vm.Id} was not booted snapshottable ({nameof(VmBootSpec)}.{nameof(VmBootSpec.Snapshottable)})");
        }

        if (vm.Spec.Disks?.FirstOrDefault(disk => !disk.ReadOnly) is { } writable)
        {
            throw new VmException($"VM {vm.Id} has the writable disk '{writable.Path}': every VM restored from a snapshot would write to it");
        }

        return memoryPath;
    }

    private static async Task SaveStateAsync(QemuMicroVm vm, Microsoft.Win32.SafeHandles.SafeFileHandle state, TimeSpan timeout, CancellationToken timeLimit, CancellationToken cancellationToken)
    {
        try
        {
            await QemuMigration.SaveAsync(vm.Qmp, state, timeLimit).ConfigureAwait(false);
        }
        catch (QmpException e)
        {
            throw new VmException($"QEMU could not save the state of VM {vm.Id}: {e.Message}", e) { ConsoleTail = ConsoleTail.Read(vm.ConsoleLogPath) };
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VmException($"QEMU did not save the state of VM {vm.Id} within {timeout.TotalSeconds:0.#} s", e);
        }
    }

    /// <summary>Flushes a snapshot file to disk; its size (data only, for a sparse file) and, when asked, its SHA-256.</summary>
    private static (long Bytes, string? Sha256) Seal(string path, bool withChecksum)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        RandomAccess.FlushToDisk(file);
        if (!withChecksum)
        {
            return (SparseFile.DataBytes(file), null);
        }

        using var stream = new FileStream(file, FileAccess.Read);
        return (RandomAccess.GetLength(file), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
