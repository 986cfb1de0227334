using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Agent.Logging;

namespace Faas.Guest.Agent.Processes;

/// <summary>
/// The reaper of PID 1: one thread reaps every child, orphans included, and completes the watchers of the
/// children the agent started.
/// </summary>
internal sealed class InitReaper : IChildReaper
{
    private const int ReaperStackSize = 64 * 1024;

    private readonly object _gate = new();
    private readonly Dictionary<int, TaskCompletionSource<ChildExit>> _watchers = [];
    private readonly AgentLog _log;
    private long _childrenStarted;

    private InitReaper(AgentLog log) => _log = log;

    public static InitReaper Start(AgentLog log)
    {
        var reaper = new InitReaper(log);
        var thread = new Thread(reaper.ReapForever, ReaperStackSize) { IsBackground = true, Name = "reaper" };
        thread.Start();
        return reaper;
    }

    public ReapingHold HoldReaping()
    {
        Monitor.Enter(_gate);
        return new ReapingHold(_gate);
    }

    public Task<ChildExit> Watch(int pid)
    {
        var exited = new TaskCompletionSource<ChildExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _watchers[pid] = exited;
            _childrenStarted++;
            Monitor.PulseAll(_gate);
        }

        return exited.Task;
    }

    private unsafe void ReapForever()
    {
        while (true)
        {
            long startedBefore;
            lock (_gate)
            {
                startedBefore = _childrenStarted;
            }

            int status;
            var pid = LibC.waitpid(-1, &status, 0);
            if (pid > 0)
            {
                Deliver(pid, ChildExit.FromWaitStatus(status));
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ECHILD)
            {
                WaitForNewChild(startedBefore);
            }
            else if (errno != LibC.EINTR)
            {
                _log.Write($"waitpid failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                Thread.Sleep(100);
            }
        }
    }

    private void Deliver(int pid, ChildExit exit)
    {
        lock (_gate)
        {
            if (_watchers.Remove(pid, out var watcher))
            {
                watcher.TrySetResult(exit);
            }
        }
    }

    private void WaitForNewChild(long startedBefore)
    {
        lock (_gate)
        {
            while (_childrenStarted == startedBefore)
            {
                Monitor.Wait(_gate);
            }
        }
    }
}
