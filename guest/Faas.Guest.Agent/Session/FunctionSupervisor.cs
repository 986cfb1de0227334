using System.Diagnostics;
using Faas.Guest.Agent.Http;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Agent.Invocation;
using Faas.Guest.Agent.Processes;
using Faas.Guest.Agent.Readiness;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Session;

/// <summary>
/// Reports the function on its channel: its output for as long as it runs, <see cref="MessageType.FunctionReady"/>
/// once its port accepts connections, and its exit. A function that does not get ready in time is killed with its
/// whole process group and reported as failed.
/// </summary>
internal sealed class FunctionSupervisor(SessionReplies replies, HttpConnectionPool connections)
{
    /// <summary>How long opening the first connection to the function may delay its readiness report.</summary>
    public static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long output may still arrive after the function exited, from children that hold its pipes; after that the
    /// end is reported anyway and later output is dropped.
    /// </summary>
    public static readonly TimeSpan OutputDrainGrace = TimeSpan.FromSeconds(1);

    /// <param name="sinceStart">Started just before the function was spawned.</param>
    /// <param name="release">Frees the channel; called before the end is sent.</param>
    public async Task SuperviseAsync(uint channelId, ChildProcess process, StartFunctionRequest request, Stopwatch sinceStart, Action release)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sinceStart);
        ArgumentNullException.ThrowIfNull(release);
        using (process)
        {
            var tail = new OutputTail();
            OutputPump[] pumps =
            [
                OutputPump.Start(process.StandardOutput, replies.Writer, MessageType.Stdout, channelId, tail),
                OutputPump.Start(process.StandardError, replies.Writer, MessageType.Stderr, channelId, tail),
            ];
            try
            {
                var timeout = TimeSpan.FromMilliseconds(request.ReadyTimeoutMilliseconds);
                var outcome = await ReadinessWaiter.WaitAsync(request.Port, process.Exited, sinceStart, timeout).ConfigureAwait(false);
                if (outcome == ReadinessOutcome.Ready)
                {
                    var ready = new FunctionReady(process.Pid, sinceStart.ElapsedMilliseconds);
                    await WarmUpAsync(channelId, request.Port).ConfigureAwait(false);
                    replies.Log.Write($"function {channelId}: pid {ready.ProcessId} ready on port {request.Port} after {ready.StartToReadyMilliseconds} ms");
                    await replies.SendAsync(MessageType.FunctionReady, channelId, ready, MessageCodec.FunctionReady).ConfigureAwait(false);
                }
                else if (outcome == ReadinessOutcome.TimedOut)
                {
                    KillProcessGroup(process.Pid);
                }

                var exit = await process.Exited.ConfigureAwait(false);
                await DrainAsync(pumps).ConfigureAwait(false);
                release();
                await ReportEndAsync(channelId, request, outcome, exit, tail).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                replies.Log.Write($"function {channelId}: {e.Message}");
                release();
                await replies.SendErrorAsync(MessageType.Error, channelId, e.Message).ConfigureAwait(false);
            }
            finally
            {
                release();
            }
        }
    }

    private Task ReportEndAsync(uint channelId, StartFunctionRequest request, ReadinessOutcome outcome, ChildExit exit, OutputTail tail)
    {
        switch (outcome)
        {
            case ReadinessOutcome.TimedOut:
                var output = tail.Text();
                var reason = $"the function is not ready on port {request.Port} after {request.ReadyTimeoutMilliseconds} ms";
                replies.Log.Write($"function {channelId}: {reason}; killed");
                return replies.SendErrorAsync(
                    MessageType.ExecFailed,
                    channelId,
                    output.Length == 0 ? $"{reason} (it wrote no output)" : $"{reason}; its last output:\n{output}");
            case ReadinessOutcome.Exited:
                replies.Log.Write($"function {channelId}: exited with {exit.ExitCode} before it was ready");
                return replies.SendAsync(MessageType.ExecExited, channelId, new ExecExited(exit.ExitCode, exit.Signal, tail.Text()), MessageCodec.ExecExited);
            default:
                replies.Log.Write($"function {channelId}: exited with {exit.ExitCode}");
                return replies.SendAsync(MessageType.ExecExited, channelId, new ExecExited(exit.ExitCode, exit.Signal), MessageCodec.ExecExited);
        }
    }

    /// <summary>
    /// Before readiness is reported, since a snapshot may follow at once: see <see cref="InvocationWarmUp"/> and
    /// <see cref="HttpConnectionPool.WarmUpAsync"/>.
    /// </summary>
    private async Task WarmUpAsync(uint channelId, int port)
    {
        InvocationWarmUp.Run(port);
        using var limit = new CancellationTokenSource(WarmUpLimit);
        try
        {
            if (await connections.WarmUpAsync(port, limit.Token).ConfigureAwait(false) is { } error)
            {
                replies.Log.Write($"function {channelId}: no connection opened ahead of the first invocation: {error}");
            }
        }
        catch (OperationCanceledException)
        {
            replies.Log.Write($"function {channelId}: no connection opened ahead of the first invocation within {WarmUpLimit.TotalSeconds:0} s");
        }
    }

    /// <summary>The function runs in a session of its own, so its process group id is its pid.</summary>
    private static void KillProcessGroup(int pid)
    {
        if (LibC.kill(-pid, LibC.SIGKILL) != 0)
        {
            _ = LibC.kill(pid, LibC.SIGKILL);
        }
    }

    private static async Task DrainAsync(OutputPump[] pumps)
    {
        var drained = Task.WhenAll(pumps.Select(pump => pump.Drained));
        await Task.WhenAny(drained, Task.Delay(OutputDrainGrace)).ConfigureAwait(false);
        foreach (var pump in pumps)
        {
            pump.Detach();
        }
    }
}
