using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Faas.Guest.Agent.Http;
using Faas.Guest.Agent.Invocation;
using Faas.Guest.Agent.Logging;
using Faas.Guest.Agent.Processes;
using Faas.Guest.Agent.Restore;
using Faas.Guest.Agent.RootFs;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Session;

/// <summary>
/// The agent's side of the host channel: says hello, then serves requests until the host asks for a shutdown or
/// the channel ends. Commands, the function and invocations run concurrently, one per channel.
/// </summary>
internal sealed class AgentSession : IDisposable
{
    private const int MaxPort = 65535;

    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly SessionReplies _replies;
    private readonly IProcessLauncher _launcher;
    private readonly IRootMounter _rootMounter;
    private readonly HelloMessage _hello;
    private readonly AgentLog _log;
    private readonly ConcurrentDictionary<uint, byte> _activeChannels = new();
    private readonly ConcurrentDictionary<uint, InvokeExchange> _invocations = new();
    private readonly HttpConnectionPool _connections = new();

    public AgentSession(Stream channel, IProcessLauncher launcher, IRootMounter rootMounter, HelloMessage hello, AgentLog log)
    {
        _reader = new FrameReader(channel);
        _writer = new FrameWriter(channel);
        _replies = new SessionReplies(_writer, log);
        _launcher = launcher;
        _rootMounter = rootMounter;
        _hello = hello;
        _log = log;
    }

    public async Task<SessionEnd> RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _writer.WriteMessageAsync(MessageType.Hello, 0, _hello, MessageCodec.Hello, cancellationToken).ConfigureAwait(false);
            while (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                if (frame.Type == MessageType.Shutdown)
                {
                    return new SessionEnd(SessionEndReason.ShutdownRequested, "the host asked for a shutdown");
                }

                await DispatchAsync(frame, cancellationToken).ConfigureAwait(false);
            }

            return new SessionEnd(SessionEndReason.ChannelClosed, "the host closed the channel");
        }
        catch (ProtocolException e)
        {
            return new SessionEnd(SessionEndReason.ChannelBroken, $"protocol error on the host channel: {e.Message}");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            return new SessionEnd(SessionEndReason.ChannelBroken, $"the host channel failed: {e.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var invocation in _invocations.Values)
        {
            invocation.Abandon();
        }

        _connections.Dispose();
        _writer.Dispose();
    }

    private Task DispatchAsync(Frame frame, CancellationToken cancellationToken)
    {
        switch (frame.Type)
        {
            case MessageType.Exec:
                return StartCommandAsync(frame, cancellationToken);
            case MessageType.StartFunction:
                return StartFunctionAsync(frame, cancellationToken);
            case MessageType.MountRoot:
                return MountRootAsync(frame, cancellationToken);
            case MessageType.Resume:
                return ResumeAsync(frame, cancellationToken);
            case MessageType.Invoke:
                return StartInvocationAsync(frame, cancellationToken);
            case MessageType.RequestBody:
                // Frames of an invocation that is already over (answered early, failed, abandoned) are dropped.
                return _invocations.TryGetValue(frame.Channel, out var receiving) ? receiving.AddBodyAsync(frame.Payload).AsTask() : Task.CompletedTask;
            case MessageType.RequestEnd:
                if (_invocations.TryGetValue(frame.Channel, out var ending))
                {
                    ending.EndBody();
                }

                return Task.CompletedTask;
            case MessageType.Error:
                if (_invocations.TryGetValue(frame.Channel, out var abandoned))
                {
                    abandoned.Abandon();
                }

                _log.Write($"the host reported an error on channel {frame.Channel}");
                return Task.CompletedTask;
            case MessageType.Hello or MessageType.ExecStarted or MessageType.Stdout or MessageType.Stderr or MessageType.ExecExited
                or MessageType.ExecFailed or MessageType.RootMounted or MessageType.FunctionReady
                or MessageType.Resumed or MessageType.ResponseHead or MessageType.ResponseBody or MessageType.ResponseEnd:
                return ReplyErrorAsync(frame.Channel, $"unexpected {frame.Type} frame: only the agent sends those", cancellationToken);
            default:
                return ReplyErrorAsync(frame.Channel, $"unknown message type {(byte)frame.Type}", cancellationToken);
        }
    }

    private async Task StartCommandAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (await ClaimChannelAsync(frame, MessageCodec.Exec, cancellationToken).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var launch = _launcher.Launch(ProcessSpecs.ForCommand(request));
        if (!launch.Started)
        {
            await FailAsync(frame.Channel, "exec", launch.Error, cancellationToken).ConfigureAwait(false);
            return;
        }

        _ = new CommandSupervisor(_replies).SuperviseAsync(frame.Channel, launch.Process, () => ReleaseChannel(frame.Channel));
    }

    private async Task StartFunctionAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (await ClaimChannelAsync(frame, MessageCodec.StartFunction, cancellationToken).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (request.Port is < 1 or > MaxPort || request.ReadyTimeoutMilliseconds <= 0)
        {
            var invalid = $"cannot start the function: port {request.Port} must be within 1-{MaxPort} and the ready timeout ({request.ReadyTimeoutMilliseconds} ms) positive";
            await FailAsync(frame.Channel, "function", invalid, cancellationToken).ConfigureAwait(false);
            return;
        }

        var sinceStart = Stopwatch.StartNew();
        var launch = _launcher.Launch(ProcessSpecs.ForFunction(request));
        if (!launch.Started)
        {
            await FailAsync(frame.Channel, "function", launch.Error, cancellationToken).ConfigureAwait(false);
            return;
        }

        _log.Write($"function {frame.Channel}: started '{request.Argv[0]}' as pid {launch.Process.Pid}, waiting for port {request.Port}");
        _ = new FunctionSupervisor(_replies, _connections).SuperviseAsync(frame.Channel, launch.Process, request, sinceStart, () => ReleaseChannel(frame.Channel));
    }

    private async Task MountRootAsync(Frame frame, CancellationToken cancellationToken)
    {
        MountRootRequest request;
        try
        {
            request = MessageCodec.Decode(frame, MessageCodec.MountRoot);
        }
        catch (ProtocolException e)
        {
            await ReplyErrorAsync(frame.Channel, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var clock = Stopwatch.StartNew();
        if (_rootMounter.Mount(request) is { } error)
        {
            _log.Write($"mount root: {error}");
            await ReplyErrorAsync(frame.Channel, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        _log.Write($"root filesystem {request.Device} ({request.FileSystem}) mounted and made the root in {clock.ElapsedMilliseconds} ms");
        await _replies.SendAsync(MessageType.RootMounted, frame.Channel, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handled before the next frame is read, so nothing the host sends after it runs with the stale clock or random state.</summary>
    private async Task ResumeAsync(Frame frame, CancellationToken cancellationToken)
    {
        ResumeRequest request;
        try
        {
            request = MessageCodec.Decode(frame, MessageCodec.Resume);
        }
        catch (ProtocolException e)
        {
            await ReplyErrorAsync(frame.Channel, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (GuestResumer.Resume(request) is { } error)
        {
            _log.Write($"resume: {error}");
            await ReplyErrorAsync(frame.Channel, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _replies.SendAsync(MessageType.Resumed, frame.Channel, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartInvocationAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (await ClaimChannelAsync(frame, MessageCodec.Invoke, cancellationToken).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var exchange = new InvokeExchange(frame.Channel, request);
        _invocations[frame.Channel] = exchange;
        _ = new InvocationRunner(_replies, _connections).RunAsync(exchange, () =>
        {
            _invocations.TryRemove(frame.Channel, out _);
            ReleaseChannel(frame.Channel);
        });
    }

    /// <summary>Decodes a request that needs a channel of its own and claims the channel for it.</summary>
    /// <returns>The request, or null when it was answered with an error.</returns>
    private async Task<T?> ClaimChannelAsync<T>(Frame frame, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        T request;
        try
        {
            request = MessageCodec.Decode(frame, typeInfo);
        }
        catch (ProtocolException e)
        {
            await ReplyErrorAsync(frame.Channel, e.Message, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (frame.Channel == 0)
        {
            await ReplyErrorAsync(0, $"{frame.Type} needs a channel of its own, not channel 0", cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!_activeChannels.TryAdd(frame.Channel, 0))
        {
            await ReplyErrorAsync(frame.Channel, $"channel {frame.Channel} is already running a command", cancellationToken).ConfigureAwait(false);
            return null;
        }

        return request;
    }

    private Task FailAsync(uint channelId, string what, string error, CancellationToken cancellationToken)
    {
        ReleaseChannel(channelId);
        _log.Write($"{what} {channelId}: {error}");
        return _replies.SendErrorAsync(MessageType.ExecFailed, channelId, error, cancellationToken);
    }

    private void ReleaseChannel(uint channelId) => _activeChannels.TryRemove(channelId, out _);

    private Task ReplyErrorAsync(uint channelId, string message, CancellationToken cancellationToken) =>
        _replies.SendErrorAsync(MessageType.Error, channelId, message, cancellationToken);
}
