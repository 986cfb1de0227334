using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/wait.h</summary>
internal static unsafe partial class LibC
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, int* wstatus, int options);

    public static bool WIFEXITED(int status) => (status & 0x7f) == 0;

    public static int WEXITSTATUS(int status) => (status >> 8) & 0xff;

    public static bool WIFSIGNALED(int status) => ((sbyte)((status & 0x7f) + 1) >> 1) > 0;

    public static int WTERMSIG(int status) => status & 0x7f;
}
