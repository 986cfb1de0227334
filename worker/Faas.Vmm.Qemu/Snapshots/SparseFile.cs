using System.Runtime.InteropServices;
using Faas.Vmm.Qemu.Interop;
using Microsoft.Win32.SafeHandles;

namespace Faas.Vmm.Qemu.Snapshots;

/// <summary>Files whose never-written parts are holes (guest RAM): moved, copied and measured without filling the holes in.</summary>
internal static class SparseFile
{
    private const int BlockSize = 64 * 1024;

    /// <summary>A rename when both paths are on one file system, otherwise a copy of the data (zero blocks stay holes) and a delete.</summary>
    /// <exception cref="IOException">The file could not be moved.</exception>
    public static void Move(string source, string destination)
    {
        if (LibC.rename(source, destination) == 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != LibC.EXDEV)
        {
            throw new IOException($"cannot move '{source}' to '{destination}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        Copy(source, destination);
        File.Delete(source);
    }

    /// <summary>Copies the data of <paramref name="source"/> into a new file; holes and all-zero blocks are not written.</summary>
    /// <exception cref="IOException">The copy failed or the destination exists.</exception>
    public static void Copy(string source, string destination)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read);
        using var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write);
        var length = RandomAccess.GetLength(input);
        RandomAccess.SetLength(output, length);
        var buffer = new byte[BlockSize];
        foreach (var (start, end) in DataExtents(input, length))
        {
            for (var offset = start; offset < end;)
            {
                var read = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(BlockSize, end - offset)), offset);
                if (read == 0)
                {
                    break;
                }

                var block = buffer.AsSpan(0, read);
                if (block.ContainsAnyExcept((byte)0))
                {
                    RandomAccess.Write(output, block, offset);
                }

                offset += read;
            }
        }
    }

    /// <summary>The bytes the file holds outside its holes.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static long DataBytes(SafeFileHandle file)
    {
        var total = 0L;
        foreach (var (start, end) in DataExtents(file, RandomAccess.GetLength(file)))
        {
            total += end - start;
        }

        return total;
    }

    /// <summary>[start, end) of every run of data, in order (SEEK_DATA / SEEK_HOLE; a file system without them reports one run).</summary>
    private static IEnumerable<(long Start, long End)> DataExtents(SafeFileHandle file, long length)
    {
        var offset = 0L;
        while (offset < length)
        {
            var data = LibC.lseek(file, offset, LibC.SEEK_DATA);
            if (data < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.ENXIO)
                {
                    yield break;
                }

                throw new IOException($"lseek(SEEK_DATA) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            var hole = LibC.lseek(file, data, LibC.SEEK_HOLE);
            if (hole < 0)
            {
                throw new IOException($"lseek(SEEK_HOLE) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            yield return (data, hole);
            offset = hole;
        }
    }
}
