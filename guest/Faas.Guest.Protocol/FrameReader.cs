namespace Faas.Guest.Protocol;

/// <summary>Reads frames from a byte stream. Not thread-safe: one reader per stream.</summary>
public sealed class FrameReader(Stream stream)
{
    private readonly byte[] _header = new byte[ProtocolLimits.HeaderSize];

    /// <summary>The next frame, or null when the stream ended cleanly between frames.</summary>
    /// <exception cref="ProtocolException">The stream ended inside a frame or the header is invalid.</exception>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = await ReadFullyAsync(_header, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < _header.Length)
        {
            throw new ProtocolException($"stream ended inside a frame header ({read} of {ProtocolLimits.HeaderSize} bytes)");
        }

        var header = FrameHeader.Parse(_header);
        var payload = header.PayloadLength == 0 ? [] : new byte[header.PayloadLength];
        read = await ReadFullyAsync(payload, cancellationToken).ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw new ProtocolException($"stream ended inside the payload of a {header.Type} frame ({read} of {payload.Length} bytes)");
        }

        return new Frame(header.Type, header.Channel, payload);
    }

    private async ValueTask<int> ReadFullyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
