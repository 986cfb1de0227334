using Faas.Vmm.Vstate;
using Microsoft.Win32.SafeHandles;

namespace Faas.Vmm.Snapshots;

/// <summary>Guest memory in its own file, sparse: pages that are all zeros (never touched, or cleared) are left as holes.</summary>
internal static class MemoryFile
{
    private const ulong Chunk = 1 << 20;

    public static void Write(GuestMemory memory, string path)
    {
        var partial = path + ".partial";
        using (var file = File.OpenHandle(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.SetLength(file, (long)memory.Size);
            for (ulong chunk = 0; chunk < memory.Size; chunk += Chunk)
            {
                WriteChunk(file, memory.Slice(chunk, Math.Min(Chunk, memory.Size - chunk)), chunk);
            }

            RandomAccess.FlushToDisk(file);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Writes the runs of non-zero pages of one chunk.</summary>
    private static void WriteChunk(SafeFileHandle file, ReadOnlySpan<byte> chunk, ulong offset)
    {
        var page = GuestMemory.PageSize;
        var runStart = -1;
        for (var position = 0; position <= chunk.Length; position += page)
        {
            var nonZero = position < chunk.Length && chunk.Slice(position, page).ContainsAnyExcept((byte)0);
            if (nonZero && runStart < 0)
            {
                runStart = position;
            }
            else if (!nonZero && runStart >= 0)
            {
                RandomAccess.Write(file, chunk[runStart..position], (long)offset + runStart);
                runStart = -1;
            }
        }
    }
}
