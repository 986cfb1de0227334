using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>The host's end of the channel, speaking the protocol with the real frame reader and writer.</summary>
internal sealed class HostEnd(Stream stream) : IDisposable
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(30);

    private readonly FrameReader _reader = new(stream);

    public FrameWriter Writer { get; } = new(stream);

    public Stream Stream => stream;

    public async Task<Frame> NextAsync()
    {
        var frame = await _reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(FrameTimeout, TestContext.Current.CancellationToken);
        return frame ?? throw new InvalidOperationException("the agent closed the channel");
    }

    public ValueTask SendExecAsync(uint channel, ExecRequest request) =>
        Writer.WriteMessageAsync(MessageType.Exec, channel, request, MessageCodec.Exec, TestContext.Current.CancellationToken);

    public ValueTask SendStartFunctionAsync(uint channel, StartFunctionRequest request) =>
        Writer.WriteMessageAsync(MessageType.StartFunction, channel, request, MessageCodec.StartFunction, TestContext.Current.CancellationToken);

    public async Task<CommandOutcome> MountRootAsync(uint channel, MountRootRequest request)
    {
        await Writer.WriteMessageAsync(MessageType.MountRoot, channel, request, MessageCodec.MountRoot, TestContext.Current.CancellationToken);
        return (await CollectAsync(channel))[channel];
    }

    /// <summary>Reads frames of <paramref name="channel"/> into <paramref name="outcome"/> until <paramref name="done"/> holds.</summary>
    public async Task<CommandOutcome> CollectUntilAsync(uint channel, Func<CommandOutcome, bool> done, CommandOutcome? outcome = null)
    {
        outcome ??= new CommandOutcome();
        while (!done(outcome))
        {
            var frame = await NextAsync();
            Assert.True(frame.Channel == channel, $"{frame.Type} frame on unexpected channel {frame.Channel}");
            Assert.False(outcome.IsComplete, $"{frame.Type} frame on channel {frame.Channel} after its end");
            outcome.Add(frame);
        }

        return outcome;
    }

    public async Task<CommandOutcome> RunAsync(uint channel, params string[] argv) => await RunAsync(channel, new ExecRequest(argv));

    public async Task<CommandOutcome> RunAsync(uint channel, ExecRequest request)
    {
        await SendExecAsync(channel, request);
        return (await CollectAsync(channel))[channel];
    }

    /// <summary>Reads frames until every channel in <paramref name="channels"/> has reported its end.</summary>
    public async Task<Dictionary<uint, CommandOutcome>> CollectAsync(params uint[] channels)
    {
        var outcomes = channels.ToDictionary(channel => channel, _ => new CommandOutcome());
        while (outcomes.Values.Any(outcome => !outcome.IsComplete))
        {
            var frame = await NextAsync();
            Assert.True(outcomes.TryGetValue(frame.Channel, out var outcome), $"{frame.Type} frame on unexpected channel {frame.Channel}");
            Assert.False(outcome.IsComplete, $"{frame.Type} frame on channel {frame.Channel} after its end");
            outcome.Add(frame);
        }

        return outcomes;
    }

    /// <summary>Sends an invocation with its whole body (in frames of at most 64 KiB) and RequestEnd.</summary>
    public async Task SendInvokeAsync(uint channel, InvokeRequest request, byte[]? body = null)
    {
        await Writer.WriteMessageAsync(MessageType.Invoke, channel, request, MessageCodec.Invoke, TestContext.Current.CancellationToken);
        await SendBodyAsync(channel, body ?? []);
        await Writer.WriteAsync(MessageType.RequestEnd, channel, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
    }

    public async Task SendBodyAsync(uint channel, ReadOnlyMemory<byte> body)
    {
        const int FrameSize = 64 * 1024;
        for (var offset = 0; offset < body.Length; offset += FrameSize)
        {
            await Writer.WriteAsync(MessageType.RequestBody, channel, body.Slice(offset, Math.Min(FrameSize, body.Length - offset)), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends an invocation and reads its answer.</summary>
    public async Task<InvokeOutcome> InvokeAsync(uint channel, InvokeRequest request, byte[]? body = null)
    {
        await SendInvokeAsync(channel, request, body);
        return (await CollectInvocationsAsync(channel))[channel];
    }

    /// <summary>Reads frames until every invocation in <paramref name="channels"/> has ended or failed.</summary>
    public async Task<Dictionary<uint, InvokeOutcome>> CollectInvocationsAsync(params uint[] channels)
    {
        var outcomes = channels.ToDictionary(channel => channel, _ => new InvokeOutcome());
        while (outcomes.Values.Any(outcome => !outcome.IsComplete))
        {
            var frame = await NextAsync();
            Assert.True(outcomes.TryGetValue(frame.Channel, out var outcome), $"{frame.Type} frame on unexpected channel {frame.Channel}");
            Assert.False(outcome.IsComplete, $"{frame.Type} frame on channel {frame.Channel} after its end");
            outcome.Add(frame);
        }

        return outcomes;
    }

    public void Dispose()
    {
        Writer.Dispose();
        stream.Dispose();
    }
}
