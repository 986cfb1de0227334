using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/socket.h</summary>
internal static unsafe partial class LibC
{
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int SOCK_STREAM = 1;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_SNDTIMEO = 21;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int sockfd, void* addr, uint addrlen);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int sockfd, int level, int optname, void* optval, uint optlen);
}
