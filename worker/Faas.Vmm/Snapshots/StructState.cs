using System.Runtime.InteropServices;

namespace Faas.Vmm.Snapshots;

/// <summary>KVM's state structs in the state file: their bytes, length-prefixed so a struct of another size is refused.</summary>
internal static class StructState
{
    public static void Write<T>(BinaryWriter writer, in T value)
        where T : unmanaged
    {
        writer.Write(Marshal.SizeOf<T>());
        writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));
    }

    public static T Read<T>(BinaryReader reader, string what)
        where T : unmanaged
    {
        var size = reader.ReadInt32();
        if (size != Marshal.SizeOf<T>())
        {
            throw new SnapshotFormatException($"the saved {what} is {size} bytes; this VMM's is {Marshal.SizeOf<T>()}");
        }

        T value = default;
        var bytes = reader.ReadBytes(size);
        if (bytes.Length != size)
        {
            throw new SnapshotFormatException($"the state ends inside the saved {what}");
        }

        bytes.CopyTo(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return value;
    }

    public static void WriteBytes(BinaryWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBytes(BinaryReader reader, int maxLength, string what)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > maxLength)
        {
            throw new SnapshotFormatException($"the saved {what} claims {length} bytes (at most {maxLength})");
        }

        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new SnapshotFormatException($"the state ends inside the saved {what}");
    }
}
