using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/socket.h</summary>
internal static partial class LibC
{
    public const int AF_INET = 2;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);
}
