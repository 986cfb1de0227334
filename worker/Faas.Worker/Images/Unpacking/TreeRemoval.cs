using System.Runtime.InteropServices;
using Faas.Worker.Images.Interop;

namespace Faas.Worker.Images.Unpacking;

/// <summary>Deletes an unpacked tree without ever following a symbolic link out of it.</summary>
internal static class TreeRemoval
{
    private const uint OwnerAll = 0b111_000_000;

    /// <summary>Removes <paramref name="path"/>: a directory with everything below it (made writable first), anything else is unlinked.</summary>
    public static void Remove(string path)
    {
        if (LibC.lstat(path, out var status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ENOENT)
            {
                return;
            }

            throw new IOException($"lstat '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        if ((status.st_mode & LibC.S_IFMT) != LibC.S_IFDIR)
        {
            File.Delete(path);
            return;
        }

        _ = LibC.chmod(path, OwnerAll);
        foreach (var child in Directory.EnumerateFileSystemEntries(path))
        {
            Remove(child);
        }

        Directory.Delete(path);
    }
}
