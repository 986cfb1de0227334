namespace Faas.Vmm.Devices;

/// <summary>Reading and writing device state for snapshots; every malformed input becomes an <see cref="InvalidDataException"/>.</summary>
internal static class DeviceState
{
    /// <summary>Writes the tag and format version that open every device's state.</summary>
    public static void WriteHeader(BinaryWriter writer, uint tag, byte version)
    {
        writer.Write(tag);
        writer.Write(version);
    }

    public static void ReadHeader(BinaryReader reader, uint tag, byte version, string component)
    {
        var actualTag = reader.ReadUInt32();
        if (actualTag != tag)
        {
            throw new InvalidDataException($"{component} state expected, found tag 0x{actualTag:x8}");
        }

        var actualVersion = reader.ReadByte();
        if (actualVersion != version)
        {
            throw new InvalidDataException($"{component} state version {actualVersion} is not supported (expected {version})");
        }
    }

    /// <summary>Runs <paramref name="read"/>, turning a truncated input into an <see cref="InvalidDataException"/>.</summary>
    public static T Read<T>(BinaryReader reader, string component, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return read(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{component} state is truncated", e);
        }
    }

    public static bool ReadFlag(BinaryReader reader, string field) =>
        reader.ReadByte() switch
        {
            0 => false,
            1 => true,
            var other => throw new InvalidDataException($"{field} must be 0 or 1, not {other}"),
        };

    public static void WriteBytes(BinaryWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBytes(BinaryReader reader, int maxLength, string field)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"{field} holds {length} bytes, more than the {maxLength} it can hold");
        }

        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }
}
