using System.Text.Json.Serialization.Metadata;

namespace Faas.Guest.Protocol;

public static class FrameWriterExtensions
{
    /// <summary>Writes a control message as one frame with a JSON payload.</summary>
    public static ValueTask WriteMessageAsync<T>(this FrameWriter writer, MessageType type, uint channel, T message, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteAsync(type, channel, MessageCodec.Encode(message, typeInfo), cancellationToken);
    }
}
