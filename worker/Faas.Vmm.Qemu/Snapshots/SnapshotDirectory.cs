using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Faas.Vmm.Qemu.Interop;

namespace Faas.Vmm.Qemu.Snapshots;

/// <summary>
/// A snapshot is written into a hidden sibling of its directory and renamed into place when complete, so the directory
/// never exists half-written, and nothing writes into it afterwards.
/// </summary>
internal static class SnapshotDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the directory to write the snapshot into, next to <paramref name="target"/>, which must be missing or empty.</summary>
    /// <exception cref="VmException">The target holds something, or the directory cannot be created.</exception>
    public static string CreatePartial(string target)
    {
        if (File.Exists(target))
        {
            throw new VmException($"cannot write a snapshot to '{target}': it is a file");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new VmException($"cannot write a snapshot to '{target}': the directory is not empty (a snapshot is never overwritten)");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new VmException($"cannot write a snapshot to '{target}': it has no parent directory");
        var partial = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(partial, OwnerOnly);
            return partial;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmException($"cannot create the snapshot directory next to '{target}': {e.Message}", e);
        }
    }

    /// <summary>Renames the complete snapshot into place; an empty directory already there is replaced.</summary>
    /// <exception cref="IOException">The rename failed (e.g. something was written into the target meanwhile).</exception>
    public static void Commit(string partial, string target)
    {
        if (LibC.rename(partial, target) != 0)
        {
            throw new IOException($"cannot rename '{partial}' to '{target}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Removes an unfinished snapshot; best effort (a leftover is a hidden directory nothing reads).</summary>
    public static void Discard(string partial)
    {
        try
        {
            Directory.Delete(partial, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing reads a partial directory; it only takes space.
        }
    }
}
