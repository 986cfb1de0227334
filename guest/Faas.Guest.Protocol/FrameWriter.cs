namespace Faas.Guest.Protocol;

/// <summary>Writes whole frames to a byte stream; safe to call from several tasks at once.</summary>
public sealed class FrameWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <exception cref="ArgumentException">The payload is larger than <see cref="ProtocolLimits.MaxPayloadSize"/>.</exception>
    public async ValueTask WriteAsync(MessageType type, uint channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (payload.Length > ProtocolLimits.MaxPayloadSize)
        {
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds the frame limit of {ProtocolLimits.MaxPayloadSize} bytes; split it", nameof(payload));
        }

        var frame = new byte[ProtocolLimits.HeaderSize + payload.Length];
        new FrameHeader(type, channel, payload.Length).WriteTo(frame);
        payload.Span.CopyTo(frame.AsSpan(ProtocolLimits.HeaderSize));

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Writes data of any size as consecutive frames of the same type and channel.</summary>
    public async ValueTask WriteChunkedAsync(MessageType type, uint channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < data.Length; offset += ProtocolLimits.MaxPayloadSize)
        {
            var length = Math.Min(ProtocolLimits.MaxPayloadSize, data.Length - offset);
            await WriteAsync(type, channel, data.Slice(offset, length), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _lock.Dispose();
}
