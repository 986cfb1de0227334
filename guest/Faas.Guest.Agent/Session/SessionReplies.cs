using System.Text.Json.Serialization.Metadata;
using Faas.Guest.Agent.Logging;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Session;

/// <summary>Sends the agent's answers; a host that has gone away is logged rather than thrown at the sender.</summary>
internal sealed class SessionReplies(FrameWriter writer, AgentLog log)
{
    public FrameWriter Writer => writer;

    public AgentLog Log => log;

    public Task SendAsync<T>(MessageType type, uint channelId, T message, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        SendAsync(type, channelId, MessageCodec.Encode(message, typeInfo), cancellationToken);

    public Task SendErrorAsync(MessageType type, uint channelId, string message, CancellationToken cancellationToken = default) =>
        SendAsync(type, channelId, new ErrorMessage(message), MessageCodec.Error, cancellationToken);

    public async Task SendAsync(MessageType type, uint channelId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        try
        {
            await writer.WriteAsync(type, channelId, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            log.Write($"cannot send {type} on channel {channelId} to the host: {e.Message}");
        }
    }
}
