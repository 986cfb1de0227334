using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Protocol.Tests;

public sealed class FrameWriterTests
{
    [Fact]
    public async Task Header_layout_is_magic_version_type_channel_length_little_endian()
    {
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);

        await writer.WriteAsync(MessageType.Stdout, 0x01020304, new byte[] { 0xAA, 0xBB }, TestContext.Current.CancellationToken);

        Assert.Equal(
            new byte[] { 0x46, 0x41, ProtocolLimits.Version, (byte)MessageType.Stdout, 0x04, 0x03, 0x02, 0x01, 2, 0, 0, 0, 0xAA, 0xBB },
            stream.ToArray());
    }

    [Fact]
    public async Task Refuses_a_payload_over_the_limit()
    {
        using var writer = new FrameWriter(new MemoryStream());

        await Assert.ThrowsAsync<ArgumentException>(
            () => writer.WriteAsync(MessageType.Stdout, 1, new byte[ProtocolLimits.MaxPayloadSize + 1], TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task Chunked_write_splits_large_data_into_frames_that_reassemble()
    {
        var data = new byte[(ProtocolLimits.MaxPayloadSize * 2) + 123];
        Random.Shared.NextBytes(data);
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);

        await writer.WriteChunkedAsync(MessageType.Stdout, 5, data, TestContext.Current.CancellationToken);

        stream.Position = 0;
        var reader = new FrameReader(stream);
        var received = new List<byte>();
        var frames = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            Assert.Equal(5u, frame.Channel);
            received.AddRange(frame.Payload.ToArray());
            frames++;
        }

        Assert.Equal(3, frames);
        Assert.Equal(data, received.ToArray());
    }

    [Fact]
    public async Task Concurrent_writers_never_interleave_inside_a_frame()
    {
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);
        var payloads = Enumerable.Range(1, 64).Select(i => Enumerable.Repeat((byte)i, 10_000 + i).ToArray()).ToArray();

        await Task.WhenAll(payloads.Select((p, i) => Task.Run(() => writer.WriteAsync(MessageType.Stdout, (uint)i + 1, p, TestContext.Current.CancellationToken).AsTask(), TestContext.Current.CancellationToken)));

        stream.Position = 0;
        var reader = new FrameReader(stream);
        var seen = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            Assert.Equal(payloads[frame.Channel - 1], frame.Payload.ToArray());
            seen++;
        }

        Assert.Equal(payloads.Length, seen);
    }

    [Fact]
    public async Task Control_messages_round_trip_through_json_payloads()
    {
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);
        var request = new ExecRequest(["sh", "-c", "echo $A"], new Dictionary<string, string> { ["A"] = "b" }, "/tmp");

        await writer.WriteMessageAsync(MessageType.Exec, 2, request, MessageCodec.Exec, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var frame = await new FrameReader(stream).ReadAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(frame);
        var decoded = MessageCodec.Decode(frame, MessageCodec.Exec);
        Assert.Equal(request.Argv, decoded.Argv);
        Assert.Equal("b", decoded.Environment!["A"]);
        Assert.Equal("/tmp", decoded.WorkingDirectory);
    }

    [Fact]
    public void Malformed_json_payload_is_a_protocol_error_naming_the_frame()
    {
        var frame = new Frame(MessageType.Exec, 4, "{\"argv\": 12"u8.ToArray());

        var error = Assert.Throws<ProtocolException>(() => MessageCodec.Decode(frame, MessageCodec.Exec));

        Assert.Contains("Exec frame on channel 4", error.Message, StringComparison.Ordinal);
    }
}
