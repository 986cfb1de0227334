using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>struct timeval (sys/time.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct timeval
{
    public long tv_sec;
    public long tv_usec;
}
