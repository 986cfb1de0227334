using Faas.Guest.Agent.Processes;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Session;

/// <summary>Reports a command on its channel: started, all of its output, then its exit.</summary>
internal sealed class CommandSupervisor(SessionReplies replies)
{
    /// <param name="release">Frees the channel; called before the exit is sent, since the host may reuse the channel as soon as it reads it.</param>
    public async Task SuperviseAsync(uint channelId, ChildProcess process, Action release)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(release);
        using (process)
        {
            try
            {
                await replies.SendAsync(MessageType.ExecStarted, channelId, new ExecStarted(process.Pid), MessageCodec.ExecStarted).ConfigureAwait(false);
                var stdout = OutputPump.Start(process.StandardOutput, replies.Writer, MessageType.Stdout, channelId);
                var stderr = OutputPump.Start(process.StandardError, replies.Writer, MessageType.Stderr, channelId);
                await Task.WhenAll(stdout.Drained, stderr.Drained).ConfigureAwait(false);
                var exit = await process.Exited.ConfigureAwait(false);
                release();
                await replies.SendAsync(MessageType.ExecExited, channelId, new ExecExited(exit.ExitCode, exit.Signal), MessageCodec.ExecExited).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                replies.Log.Write($"exec {channelId}: {e.Message}");
                release();
                await replies.SendErrorAsync(MessageType.Error, channelId, e.Message).ConfigureAwait(false);
            }
            finally
            {
                release();
            }
        }
    }
}
