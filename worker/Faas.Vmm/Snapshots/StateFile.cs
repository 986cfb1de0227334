using System.Buffers.Binary;

namespace Faas.Vmm.Snapshots;

/// <summary>
/// The snapshot's state file: magic "FAASKVMS", format version (u32), state length (u64), the state, CRC-64 of everything
/// before it (u64), all little-endian. Written to a temporary name and renamed, so it appears complete or not at all.
/// </summary>
public static class StateFile
{
    public const ulong Magic = 0x534d_564b_5341_4146; // "FAASKVMS"
    public const uint Version = 1;

    private const int HeaderSize = 8 + 4 + 8;
    private const int TrailerSize = 8;
    private const long MaxStateBytes = 64L << 20;

    public static void Write(string path, ReadOnlySpan<byte> state)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new byte[HeaderSize + state.Length + TrailerSize];
        BinaryPrimitives.WriteUInt64LittleEndian(file, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(12), (ulong)state.Length);
        state.CopyTo(file.AsSpan(HeaderSize));
        var crc = Crc64.Compute(file.AsSpan(0, HeaderSize + state.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(HeaderSize + state.Length), crc);

        var partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(file);
            stream.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The state, after checking magic, version, length and checksum.</summary>
    /// <exception cref="SnapshotFormatException">The file is missing or fails a check.</exception>
    public static byte[] Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] file;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxStateBytes + HeaderSize + TrailerSize)
            {
                throw new SnapshotFormatException($"the state file '{path}' is {length} bytes: too large to be a VM state");
            }

            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotFormatException($"cannot read the state file '{path}': {e.Message}", e);
        }

        if (file.Length < HeaderSize + TrailerSize || BinaryPrimitives.ReadUInt64LittleEndian(file) != Magic)
        {
            throw new SnapshotFormatException($"'{path}' is not a VM state file");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));
        if (version != Version)
        {
            throw new SnapshotFormatException($"the state file '{path}' has format version {version}; this VMM reads version {Version}");
        }

        var stateLength = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(12));
        if (stateLength != (ulong)(file.Length - HeaderSize - TrailerSize))
        {
            throw new SnapshotFormatException($"the state file '{path}' is truncated: it announces {stateLength} bytes of state");
        }

        var expected = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(file.Length - TrailerSize));
        var actual = Crc64.Compute(file.AsSpan(0, file.Length - TrailerSize));
        if (expected != actual)
        {
            throw new SnapshotFormatException($"the state file '{path}' is corrupt: CRC-64 0x{actual:x16}, expected 0x{expected:x16}");
        }

        return file.AsSpan(HeaderSize, (int)stateLength).ToArray();
    }
}
