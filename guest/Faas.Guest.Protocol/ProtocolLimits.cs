namespace Faas.Guest.Protocol;

/// <summary>Sizes and versions of the framing that both ends must agree on.</summary>
public static class ProtocolLimits
{
    /// <summary>The protocol version this build speaks; a frame with another version is rejected.</summary>
    public const byte Version = 1;

    /// <summary>Two bytes that start every frame ("FA"), to catch a stream that is not ours.</summary>
    public const ushort Magic = 0x4146;

    /// <summary>magic u16, version u8, type u8, channel u32, payload length u32; little-endian.</summary>
    public const int HeaderSize = 12;

    /// <summary>The largest payload of one frame; larger data is sent as several frames.</summary>
    public const int MaxPayloadSize = 256 * 1024;
}
