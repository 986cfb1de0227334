using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>time.h</summary>
internal static unsafe partial class LibC
{
    public const int CLOCK_REALTIME = 0;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int clock_settime(int clockid, timespec* tp);
}

/// <summary>struct timespec (time.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct timespec
{
    public long tv_sec;
    public long tv_nsec;
}

/// <summary>struct timeval (sys/time.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct timeval
{
    public long tv_sec;
    public long tv_usec;
}
