using System.Collections.Concurrent;
using Faas.Guest.Agent.Logging;
using Faas.Guest.Agent.Processes;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Session;

/// <summary>
/// The agent's side of the host channel: says hello, then serves requests until the host asks for a shutdown or
/// the channel ends. Commands run concurrently, one per channel.
/// </summary>
internal sealed class AgentSession(Stream channel, IProcessLauncher launcher, HelloMessage hello, AgentLog log) : IDisposable
{
    private readonly FrameReader _reader = new(channel);
    private readonly FrameWriter _writer = new(channel);
    private readonly ConcurrentDictionary<uint, byte> _activeChannels = new();

    public async Task<SessionEnd> RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _writer.WriteMessageAsync(MessageType.Hello, 0, hello, MessageCodec.Hello, cancellationToken).ConfigureAwait(false);
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

    public void Dispose() => _writer.Dispose();

    private ValueTask DispatchAsync(Frame frame, CancellationToken cancellationToken)
    {
        switch (frame.Type)
        {
            case MessageType.Exec:
                return StartCommandAsync(frame, cancellationToken);
            case MessageType.Error:
                log.Write($"the host reported an error on channel {frame.Channel}");
                return ValueTask.CompletedTask;
            case MessageType.Hello or MessageType.ExecStarted or MessageType.Stdout or MessageType.Stderr or MessageType.ExecExited or MessageType.ExecFailed:
                return ReplyAsync(MessageType.Error, frame.Channel, $"unexpected {frame.Type} frame: only the agent sends those", cancellationToken);
            default:
                return ReplyAsync(MessageType.Error, frame.Channel, $"unknown message type {(byte)frame.Type}", cancellationToken);
        }
    }

    private async ValueTask StartCommandAsync(Frame frame, CancellationToken cancellationToken)
    {
        ExecRequest request;
        try
        {
            request = MessageCodec.Decode(frame, MessageCodec.Exec);
        }
        catch (ProtocolException e)
        {
            await ReplyAsync(MessageType.Error, frame.Channel, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (frame.Channel == 0)
        {
            await ReplyAsync(MessageType.Error, 0, "Exec needs a channel of its own, not channel 0", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_activeChannels.TryAdd(frame.Channel, 0))
        {
            await ReplyAsync(MessageType.Error, frame.Channel, $"channel {frame.Channel} is already running a command", cancellationToken).ConfigureAwait(false);
            return;
        }

        var launch = launcher.Launch(request);
        if (!launch.Started)
        {
            _activeChannels.TryRemove(frame.Channel, out _);
            log.Write($"exec {frame.Channel}: {launch.Error}");
            await ReplyAsync(MessageType.ExecFailed, frame.Channel, launch.Error, cancellationToken).ConfigureAwait(false);
            return;
        }

        _ = ReportCommandAsync(frame.Channel, launch.Process);
    }

    private async Task ReportCommandAsync(uint channelId, ChildProcess process)
    {
        using (process)
        {
            try
            {
                await _writer.WriteMessageAsync(MessageType.ExecStarted, channelId, new ExecStarted(process.Pid), MessageCodec.ExecStarted).ConfigureAwait(false);
                var stdout = OutputPump.Start(process.StandardOutput, _writer, MessageType.Stdout, channelId);
                var stderr = OutputPump.Start(process.StandardError, _writer, MessageType.Stderr, channelId);
                await Task.WhenAll(stdout.Drained, stderr.Drained).ConfigureAwait(false);
                var exit = await process.Exited.ConfigureAwait(false);

                // Free the channel first: the host may reuse it as soon as it reads the exit.
                _activeChannels.TryRemove(channelId, out _);
                await _writer.WriteMessageAsync(MessageType.ExecExited, channelId, new ExecExited(exit.ExitCode, exit.Signal), MessageCodec.ExecExited).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                log.Write($"exec {channelId}: {e.Message}");
                await ReplyAsync(MessageType.Error, channelId, e.Message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                log.Write($"exec {channelId}: cannot report to the host: {e.Message}");
            }
            finally
            {
                _activeChannels.TryRemove(channelId, out _);
            }
        }
    }

    private async ValueTask ReplyAsync(MessageType type, uint channelId, string message, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteMessageAsync(type, channelId, new ErrorMessage(message), MessageCodec.Error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            log.Write($"cannot send {type} on channel {channelId} to the host: {e.Message}");
        }
    }
}
