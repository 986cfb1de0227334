using System.Buffers.Binary;

namespace Faas.Guest.Protocol;

/// <summary>The fixed-size header in front of every payload.</summary>
public readonly record struct FrameHeader(MessageType Type, uint Channel, int PayloadLength)
{
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, ProtocolLimits.Magic);
        destination[2] = ProtocolLimits.Version;
        destination[3] = (byte)Type;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Channel);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], PayloadLength);
    }

    /// <exception cref="ProtocolException">The header is not a valid frame header of this protocol version.</exception>
    public static FrameHeader Parse(ReadOnlySpan<byte> source)
    {
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(source);
        if (magic != ProtocolLimits.Magic)
        {
            throw new ProtocolException($"bad frame magic 0x{magic:x4} (expected 0x{ProtocolLimits.Magic:x4}): the stream is not a faas agent channel or is out of step");
        }

        var version = source[2];
        if (version != ProtocolLimits.Version)
        {
            throw new ProtocolException($"unsupported protocol version {version} (this side speaks {ProtocolLimits.Version})");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(source[8..]);
        if (length < 0 || length > ProtocolLimits.MaxPayloadSize)
        {
            throw new ProtocolException($"frame payload of {(uint)length} bytes exceeds the limit of {ProtocolLimits.MaxPayloadSize} bytes");
        }

        return new FrameHeader((MessageType)source[3], BinaryPrimitives.ReadUInt32LittleEndian(source[4..]), length);
    }
}
