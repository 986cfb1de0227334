using Faas.Guest.Protocol;

namespace Faas.Guest.Protocol.Tests;

public sealed class FrameReaderTests
{
    private static byte[] Encode(MessageType type, uint channel, byte[] payload)
    {
        var bytes = new byte[ProtocolLimits.HeaderSize + payload.Length];
        new FrameHeader(type, channel, payload.Length).WriteTo(bytes);
        payload.CopyTo(bytes, ProtocolLimits.HeaderSize);
        return bytes;
    }

    [Fact]
    public async Task Reads_consecutive_frames_in_order_then_null_at_clean_end()
    {
        var stream = new MemoryStream([.. Encode(MessageType.Stdout, 3, [1, 2, 3]), .. Encode(MessageType.ExecExited, 3, [])]);
        var reader = new FrameReader(stream);

        var first = await reader.ReadAsync(TestContext.Current.CancellationToken);
        var second = await reader.ReadAsync(TestContext.Current.CancellationToken);
        var end = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(first);
        Assert.Equal(MessageType.Stdout, first.Type);
        Assert.Equal(3u, first.Channel);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.Payload.ToArray());
        Assert.NotNull(second);
        Assert.Equal(MessageType.ExecExited, second.Type);
        Assert.True(second.Payload.IsEmpty);
        Assert.Null(end);
    }

    [Fact]
    public async Task Reassembles_a_frame_delivered_one_byte_at_a_time()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var reader = new FrameReader(new TrickleStream(Encode(MessageType.Stderr, 9, payload)));

        var frame = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(frame);
        Assert.Equal(payload, frame.Payload.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ProtocolLimits.HeaderSize - 1)]
    public async Task Stream_ending_inside_the_header_is_a_protocol_error(int length)
    {
        var bytes = Encode(MessageType.Hello, 0, [7, 7]).AsSpan(0, length).ToArray();
        var reader = new FrameReader(new MemoryStream(bytes));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("inside a frame header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ending_inside_the_payload_is_a_protocol_error()
    {
        var bytes = Encode(MessageType.Stdout, 1, new byte[100]).AsSpan(0, ProtocolLimits.HeaderSize + 40).ToArray();
        var reader = new FrameReader(new MemoryStream(bytes));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("40 of 100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_payload_length_is_rejected_before_allocating()
    {
        var header = new byte[ProtocolLimits.HeaderSize];
        new FrameHeader(MessageType.Stdout, 1, 0).WriteTo(header);
        BitConverter.TryWriteBytes(header.AsSpan(8), ProtocolLimits.MaxPayloadSize + 1);
        var reader = new FrameReader(new MemoryStream(header));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_payload_length_is_rejected()
    {
        var header = new byte[ProtocolLimits.HeaderSize];
        new FrameHeader(MessageType.Stdout, 1, 0).WriteTo(header);
        BitConverter.TryWriteBytes(header.AsSpan(8), -1);
        var reader = new FrameReader(new MemoryStream(header));

        await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task Bytes_that_are_not_a_frame_are_rejected_by_magic()
    {
        var reader = new FrameReader(new MemoryStream("Linux version 6.1\r\n"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("bad frame magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frame_of_another_protocol_version_is_rejected()
    {
        var bytes = Encode(MessageType.Hello, 0, []);
        bytes[2] = ProtocolLimits.Version + 1;
        var reader = new FrameReader(new MemoryStream(bytes));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("unsupported protocol version", error.Message, StringComparison.Ordinal);
    }

    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
