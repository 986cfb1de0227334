using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Faas.Vmm.Qemu.Snapshots;

/// <summary>Checks a snapshot before a restore and opens its device state, read-only.</summary>
internal static class SnapshotReader
{
    private const long MiB = 1024 * 1024;

    /// <summary>The state file, checked against the snapshot's size and checksum, positioned at its start.</summary>
    /// <exception cref="VmException">The snapshot is not QEMU's, or a file is missing, truncated or corrupt.</exception>
    public static SafeFileHandle OpenState(VmSnapshot snapshot)
    {
        if (snapshot.Backend != QemuBackend.BackendName)
        {
            throw new VmException($"the snapshot in '{snapshot.Directory}' was taken by the {snapshot.Backend} backend; the {QemuBackend.BackendName} backend cannot restore it");
        }

        var path = QemuSnapshotFiles.StatePath(snapshot.Directory);
        SafeFileHandle? state = null;
        try
        {
            CheckMemory(snapshot);
            state = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var length = RandomAccess.GetLength(state);
            if (length != snapshot.StateBytes)
            {
                throw Corrupt(snapshot, $"its state file has {length} bytes, {snapshot.StateBytes} were written");
            }

            if (snapshot.StateSha256 is { } expected && !string.Equals(Sha256(state, length), expected, StringComparison.OrdinalIgnoreCase))
            {
                throw Corrupt(snapshot, "its state file does not match its checksum");
            }

            return state;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            state?.Dispose();
            throw Corrupt(snapshot, $"its state file '{path}' is missing", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state?.Dispose();
            throw new VmException($"cannot read the snapshot in '{snapshot.Directory}': {e.Message}", e);
        }
        catch
        {
            state?.Dispose();
            throw;
        }
    }

    private static void CheckMemory(VmSnapshot snapshot)
    {
        var path = QemuSnapshotFiles.MemoryPath(snapshot.Directory);
        long length;
        try
        {
            using var memory = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            length = RandomAccess.GetLength(memory);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Corrupt(snapshot, $"its memory file '{path}' is missing", e);
        }

        if (length != snapshot.Spec.MemoryMiB * MiB)
        {
            throw Corrupt(snapshot, $"its memory file has {length} bytes, the VM has {snapshot.Spec.MemoryMiB} MiB");
        }
    }

    private static string Sha256(SafeFileHandle file, long length)
    {
        // Read with pread: the file offset stays at 0 for QEMU, which reads the same descriptor.
        var bytes = new byte[length];
        var total = 0;
        while (total < bytes.Length)
        {
            var read = RandomAccess.Read(file, bytes.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, total)));
    }

    private static VmException Corrupt(VmSnapshot snapshot, string why, Exception? inner = null) =>
        inner is null
            ? new VmException($"the snapshot in '{snapshot.Directory}' is incomplete or corrupt: {why}")
            : new VmException($"the snapshot in '{snapshot.Directory}' is incomplete or corrupt: {why}", inner);
}
