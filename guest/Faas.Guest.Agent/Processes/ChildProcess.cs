using Microsoft.Win32.SafeHandles;

namespace Faas.Guest.Agent.Processes;

/// <summary>A running child: its pid, the read ends of its stdout and stderr pipes, and its exit.</summary>
internal sealed class ChildProcess(int pid, SafeFileHandle standardOutput, SafeFileHandle standardError, Task<ChildExit> exited) : IDisposable
{
    public int Pid { get; } = pid;

    public SafeFileHandle StandardOutput { get; } = standardOutput;

    public SafeFileHandle StandardError { get; } = standardError;

    /// <summary>Completes once the child has ended and been reaped.</summary>
    public Task<ChildExit> Exited { get; } = exited;

    public void Dispose()
    {
        StandardOutput.Dispose();
        StandardError.Dispose();
    }
}
