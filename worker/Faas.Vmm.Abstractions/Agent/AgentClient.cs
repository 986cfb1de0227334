using System.Collections.Concurrent;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Vmm.Agent;

/// <summary>The host's side of the agent channel: runs requests in the guest and routes the answers to their callers.</summary>
public sealed class AgentClient : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly ConcurrentDictionary<uint, PendingChannel> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;
    private int _nextChannel;
    private string? _closedReason;

    private AgentClient(Stream stream, HelloMessage hello)
    {
        _stream = stream;
        _reader = new FrameReader(stream);
        _writer = new FrameWriter(stream);
        Hello = hello;
    }

    /// <summary>What the agent said when it became ready.</summary>
    public HelloMessage Hello { get; }

    /// <summary>Completes when the channel to the agent is closed or broken.</summary>
    public Task Completion => _readLoop;

    /// <summary>Waits for the agent's hello on <paramref name="stream"/>, then serves requests on it.</summary>
    /// <exception cref="ProtocolException">The stream ended or broke the framing before the hello.</exception>
    public static async Task<AgentClient> ConnectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new FrameReader(stream);
        var frame = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ProtocolException("the agent channel closed before the agent said hello");
        if (frame.Type != MessageType.Hello)
        {
            throw new ProtocolException($"expected the agent's hello, got a {frame.Type} frame");
        }

        return Attach(stream, MessageCodec.Decode(frame, MessageCodec.Hello), firstChannel: 1);
    }

    /// <summary>Joins an agent session that is already running, e.g. in a VM restored from a snapshot, without waiting for a hello.</summary>
    /// <param name="stream">The agent channel.</param>
    /// <param name="hello">What the agent said when the session began.</param>
    /// <param name="firstChannel">The first channel number to use; above every channel the session used before.</param>
    public static AgentClient Attach(Stream stream, HelloMessage hello, uint firstChannel)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(hello);
        var client = new AgentClient(stream, hello) { _nextChannel = (int)firstChannel - 1 };
        client._readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>The next channel number this client will use; a snapshot records it so a restored client continues above it.</summary>
    public uint NextChannel => (uint)Volatile.Read(ref _nextChannel) + 1;

    /// <summary>Runs a command in the guest and streams its output to <paramref name="output"/>.</summary>
    /// <returns>The exit code, or an error when the command could not be run or the VM went away.</returns>
    public async Task<ExecResult> ExecAsync(ExecRequest request, ExecOutput? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await RoundTripAsync(MessageType.Exec, request, MessageCodec.Exec, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mounts the function's root filesystem in the guest and makes it the root of every later command.</summary>
    /// <returns>null when mounted, otherwise why not.</returns>
    public async Task<string?> MountRootAsync(MountRootRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await RoundTripAsync(MessageType.MountRoot, request, MessageCodec.MountRoot, null, cancellationToken).ConfigureAwait(false)).Error;
    }

    /// <summary>Starts the function's server process and waits until it is ready on its port or has failed.</summary>
    /// <remarks>The function's output keeps flowing to <paramref name="output"/> until it exits.</remarks>
    public async Task<FunctionStart> StartFunctionAsync(StartFunctionRequest request, ExecOutput? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (channel, pending, sent) = await SendAsync(MessageType.StartFunction, request, MessageCodec.StartFunction, output, cancellationToken).ConfigureAwait(false);
        var exited = ReleaseWhenEnded(channel, pending);
        if (sent is not null)
        {
            return new FunctionStart(null, sent, Task.FromResult(sent));
        }

        var first = await Task.WhenAny(pending.Ready.Task, pending.Result.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        return first == pending.Ready.Task
            ? new FunctionStart(pending.Ready.Task.Result, null, exited)
            : new FunctionStart(null, pending.Result.Task.Result, exited);
    }

    /// <summary>
    /// Receives the output and the end of a process started on <paramref name="channel"/> earlier in this agent session, e.g. the
    /// function the boot of a restored VM started before its snapshot (its frames are dropped otherwise).
    /// </summary>
    /// <returns>Completes when the process ends, or with an error when the channel to the agent closes.</returns>
    /// <exception cref="InvalidOperationException">This client already uses <paramref name="channel"/>.</exception>
    public Task<ExecResult> FollowAsync(uint channel, ExecOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pending = new PendingChannel(output);
        if (!_pending.TryAdd(channel, pending))
        {
            throw new InvalidOperationException($"channel {channel} is already in use by this client");
        }

        if (_closedReason is { } reason)
        {
            pending.Result.TrySetResult(ExecResult.Failed(reason));
        }

        return ReleaseWhenEnded(channel, pending);
    }

    /// <summary>The channel's final result, after which the channel is forgotten.</summary>
    private Task<ExecResult> ReleaseWhenEnded(uint channel, PendingChannel pending) =>
        pending.Result.Task.ContinueWith(
            t =>
            {
                _pending.TryRemove(channel, out _);
                return t.Result;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Tells a restored guest the current time and gives it fresh entropy; call before anything else after a restore.</summary>
    /// <returns>null when done, otherwise why not.</returns>
    public async Task<string?> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await RoundTripAsync(MessageType.Resume, request, MessageCodec.Resume, null, cancellationToken).ConfigureAwait(false)).Error;
    }

    /// <summary>Sends an HTTP request to the function in the guest and streams the response into <paramref name="response"/>.</summary>
    /// <param name="request">Method, target, headers and port.</param>
    /// <param name="body">The request body, read in chunks while it is sent; null for none.</param>
    /// <param name="response">Receives status, headers and body chunks in order.</param>
    /// <param name="cancellationToken">Cancels the call (the caller then recycles the instance: the guest may still be busy with it).</param>
    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, Stream? body, IInvokeResponseSink response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var pending = new PendingChannel(ExecOutput.Discard) { Response = response };
        var (channel, _, sent) = await OpenChannelAsync(MessageType.Invoke, request, MessageCodec.Invoke, pending, cancellationToken).ConfigureAwait(false);
        try
        {
            if (sent is not null)
            {
                return new InvokeResult(false, false, sent.Error);
            }

            var upload = SendBodyAsync(channel, body, cancellationToken);
            var finished = await Task.WhenAny(upload, pending.Result.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (finished == upload)
            {
                await upload.ConfigureAwait(false);
            }

            var result = await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return result.Error is null ? InvokeResult.Success : new InvokeResult(false, pending.ResponseStarted, result.Error);
        }
        catch (IOException e)
        {
            return new InvokeResult(false, pending.ResponseStarted, $"the agent channel broke: {e.Message}");
        }
        finally
        {
            _pending.TryRemove(channel, out _);
        }
    }

    private async Task SendBodyAsync(uint channel, Stream? body, CancellationToken cancellationToken)
    {
        if (body is not null)
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await _writer.WriteAsync(MessageType.RequestBody, channel, buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        await _writer.WriteAsync(MessageType.RequestEnd, channel, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the agent to sync and power the guest off.</summary>
    public async Task RequestShutdownAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _writer.WriteAsync(MessageType.Shutdown, 0, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The guest is already gone, which is what was asked.
        }
    }

    /// <summary>Sends one request on a new channel and waits for the message that ends it.</summary>
    private async Task<ExecResult> RoundTripAsync<T>(
        MessageType type, T request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, ExecOutput? output, CancellationToken cancellationToken)
    {
        var (channel, pending, sent) = await SendAsync(type, request, typeInfo, output, cancellationToken).ConfigureAwait(false);
        try
        {
            return sent ?? await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(channel, out _);
        }
    }

    private Task<(uint Channel, PendingChannel Pending, ExecResult? Failure)> SendAsync<T>(
        MessageType type, T request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, ExecOutput? output, CancellationToken cancellationToken) =>
        OpenChannelAsync(type, request, typeInfo, new PendingChannel(output ?? ExecOutput.Discard), cancellationToken);

    private async Task<(uint Channel, PendingChannel Pending, ExecResult? Failure)> OpenChannelAsync<T>(
        MessageType type, T request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, PendingChannel pending, CancellationToken cancellationToken)
    {
        var channel = (uint)Interlocked.Increment(ref _nextChannel);
        if (_closedReason is { } reason)
        {
            return (channel, pending, ExecResult.Failed(reason));
        }

        _pending[channel] = pending;
        try
        {
            await _writer.WriteMessageAsync(type, channel, request, typeInfo, cancellationToken).ConfigureAwait(false);
            return (channel, pending, null);
        }
        catch (IOException e)
        {
            _pending.TryRemove(channel, out _);
            return (channel, pending, ExecResult.Failed($"the agent channel broke: {e.Message}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected when the loop was waiting for a frame.
        }

        _writer.Dispose();
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reason = "the agent closed the channel (the VM stopped)";
        try
        {
            while (await _reader.ReadAsync(_stop.Token).ConfigureAwait(false) is { } frame)
            {
                await DispatchAsync(frame).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ProtocolException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = e is ProtocolException ? $"agent protocol error: {e.Message}" : "the agent channel was closed";
        }
        finally
        {
            _closedReason = reason;
            foreach (var pending in _pending.Values)
            {
                pending.Result.TrySetResult(ExecResult.Failed(reason));
            }
        }
    }

    /// <summary>
    /// Hands a chunk of a command's output to the caller's sink. A sink that fails (its host stream already closed) loses that
    /// chunk, but the channel goes on: the other commands and the agent must not stop because one reader went away.
    /// </summary>
    private static async ValueTask DeliverAsync(Func<ReadOnlyMemory<byte>, ValueTask> sink, ReadOnlyMemory<byte> chunk)
    {
        try
        {
            await sink(chunk).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Dropped: see above.
        }
    }

    private async ValueTask DispatchAsync(Frame frame)
    {
        if (!_pending.TryGetValue(frame.Channel, out var pending))
        {
            return;
        }

        switch (frame.Type)
        {
            case MessageType.Stdout when pending.Output.Stdout is { } stdout:
                await DeliverAsync(stdout, frame.Payload).ConfigureAwait(false);
                break;
            case MessageType.Stderr when pending.Output.Stderr is { } stderr:
                await DeliverAsync(stderr, frame.Payload).ConfigureAwait(false);
                break;
            case MessageType.ExecExited:
                var exited = MessageCodec.Decode(frame, MessageCodec.ExecExited);
                pending.Result.TrySetResult(new ExecResult(exited.ExitCode, exited.Signal, OutputTail: exited.OutputTail));
                break;
            case MessageType.RootMounted:
                pending.Result.TrySetResult(new ExecResult(0));
                break;
            case MessageType.Resumed or MessageType.ResponseEnd:
                pending.Result.TrySetResult(new ExecResult(0));
                break;
            case MessageType.ResponseHead when pending.Response is { } sink:
                pending.ResponseStarted = true;
                await sink.StartAsync(MessageCodec.Decode(frame, MessageCodec.ResponseHead)).ConfigureAwait(false);
                break;
            case MessageType.ResponseBody when pending.Response is { } sink:
                await sink.WriteAsync(frame.Payload).ConfigureAwait(false);
                break;
            case MessageType.FunctionReady:
                pending.Ready.TrySetResult(MessageCodec.Decode(frame, MessageCodec.FunctionReady));
                break;
            case MessageType.ExecFailed or MessageType.Error:
                pending.Result.TrySetResult(ExecResult.Failed(MessageCodec.Decode(frame, MessageCodec.Error).Message));
                break;
            default:
                break;
        }
    }

    private sealed class PendingChannel(ExecOutput output)
    {
        public ExecOutput Output { get; } = output;

        public TaskCompletionSource<ExecResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<FunctionReady> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IInvokeResponseSink? Response { get; init; }

        public bool ResponseStarted { get; set; }
    }
}
