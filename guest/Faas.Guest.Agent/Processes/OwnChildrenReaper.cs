using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Processes;

/// <summary>
/// Waits for each of the agent's own children on a thread of its own, leaving every other child of the process
/// alone. For an agent that is not PID 1 (on a host, in tests).
/// </summary>
internal sealed class OwnChildrenReaper : IChildReaper
{
    private const int WaiterStackSize = 64 * 1024;

    public ReapingHold HoldReaping() => new(null);

    public Task<ChildExit> Watch(int pid)
    {
        var exited = new TaskCompletionSource<ChildExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = new Thread(() => WaitFor(pid, exited), WaiterStackSize)
        {
            IsBackground = true,
            Name = $"waitpid {pid}",
        };
        waiter.Start();
        return exited.Task;
    }

    private static unsafe void WaitFor(int pid, TaskCompletionSource<ChildExit> exited)
    {
        int status;
        while (LibC.waitpid(pid, &status, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
            {
                exited.TrySetException(new InvalidOperationException($"waitpid({pid}) failed: {Marshal.GetPInvokeErrorMessage(errno)}"));
                return;
            }
        }

        exited.TrySetResult(ChildExit.FromWaitStatus(status));
    }
}
