using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/ioctl.h (request numbers from linux/sockios.h)</summary>
internal static unsafe partial class LibC
{
    public const ulong SIOCGIFFLAGS = 0x8913;
    public const ulong SIOCSIFFLAGS = 0x8914;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, ifreq* argp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, void* argp);
}
