using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Processes;

/// <summary>How a child ended. <paramref name="ExitCode"/> is 128 + signal when it was killed by a signal.</summary>
internal readonly record struct ChildExit(int ExitCode, int? Signal)
{
    public static ChildExit FromWaitStatus(int status)
    {
        if (LibC.WIFSIGNALED(status))
        {
            var signal = LibC.WTERMSIG(status);
            return new ChildExit(128 + signal, signal);
        }

        return new ChildExit(LibC.WEXITSTATUS(status), null);
    }
}
