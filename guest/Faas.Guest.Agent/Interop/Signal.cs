using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>signal.h</summary>
internal static unsafe partial class LibC
{
    public const int SIGKILL = 9;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sigemptyset(sigset_t* set);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sigfillset(sigset_t* set);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);
}

/// <summary>glibc's sigset_t: 1024 bits.</summary>
[StructLayout(LayoutKind.Sequential, Size = 128)]
internal struct sigset_t;
