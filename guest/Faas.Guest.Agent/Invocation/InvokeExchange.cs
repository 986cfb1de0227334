using System.Threading.Channels;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Invocation;

/// <summary>
/// One invocation as the host channel feeds it: the request body frames queue here until they are sent to the
/// function's server. The queue is short, so a large body streams rather than piling up in the guest; when it is full,
/// the host channel's reader waits (and with it the whole channel) until the server takes more.
/// </summary>
internal sealed class InvokeExchange(uint channelId, InvokeRequest request) : IDisposable
{
    /// <summary>Request body frames held before the host channel's reader waits: 1 MiB of the host's 64 KiB frames.</summary>
    public const int QueuedBodyFrames = 16;

    private readonly Channel<ReadOnlyMemory<byte>> _body = System.Threading.Channels.Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(QueuedBodyFrames) { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _abandoned = new();
    private volatile bool _bodyComplete;

    public uint ChannelId => channelId;

    public InvokeRequest Request => request;

    /// <summary>The request body frames; the sequence ends at RequestEnd, or when the invocation is over.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Body => _body.Reader;

    /// <summary>RequestEnd arrived: the body sequence ended because the body is complete.</summary>
    public bool BodyComplete => _bodyComplete;

    /// <summary>Cancelled when the host gave up on the invocation.</summary>
    public CancellationToken Abandoned => _abandoned.Token;

    /// <summary>Queues a RequestBody frame, waiting while the queue is full; dropped when the invocation is already over.</summary>
    public async ValueTask AddBodyAsync(ReadOnlyMemory<byte> chunk)
    {
        while (await _body.Writer.WaitToWriteAsync().ConfigureAwait(false))
        {
            if (_body.Writer.TryWrite(chunk))
            {
                return;
            }
        }
    }

    /// <summary>RequestEnd: no more body.</summary>
    public void EndBody()
    {
        _bodyComplete = true;
        _body.Writer.TryComplete();
    }

    /// <summary>The host gave up: stop sending and receiving for it.</summary>
    public void Abandon()
    {
        _body.Writer.TryComplete();
        try
        {
            _abandoned.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The invocation ended meanwhile.
        }
    }

    /// <summary>The invocation is over: later body frames are dropped, and a reader waiting to queue one goes on.</summary>
    public void Close() => _body.Writer.TryComplete();

    public void Dispose() => _abandoned.Dispose();
}
