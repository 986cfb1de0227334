using System.Runtime.InteropServices;

namespace Faas.Vmm.Qemu.Interop;

/// <summary>sys/socket.h (Linux, LP64).</summary>
internal static unsafe partial class LibC
{
    public const int SOL_SOCKET = 1;
    public const int SCM_RIGHTS = 1;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_NOSIGNAL = 0x4000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int sockfd, msghdr* msg, int flags);

    /// <summary>CMSG_ALIGN(len).</summary>
    public static nuint CMSG_ALIGN(nuint len) => (len + (nuint)sizeof(nuint) - 1) & ~((nuint)sizeof(nuint) - 1);

    /// <summary>CMSG_LEN(len): header plus data, the value of cmsg_len.</summary>
    public static nuint CMSG_LEN(nuint len) => CMSG_ALIGN((nuint)sizeof(cmsghdr)) + len;

    /// <summary>CMSG_SPACE(len): the room a control message with len bytes of data takes.</summary>
    public static nuint CMSG_SPACE(nuint len) => CMSG_ALIGN((nuint)sizeof(cmsghdr)) + CMSG_ALIGN(len);
}

/// <summary>struct msghdr (sys/socket.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct msghdr
{
    public void* msg_name;
    public uint msg_namelen;
    public iovec* msg_iov;
    public nuint msg_iovlen;
    public void* msg_control;
    public nuint msg_controllen;
    public int msg_flags;
}

/// <summary>struct iovec (sys/uio.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct iovec
{
    public void* iov_base;
    public nuint iov_len;
}

/// <summary>struct cmsghdr (sys/socket.h): a control message header; its data follows at CMSG_ALIGN(sizeof(cmsghdr)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct cmsghdr
{
    public nuint cmsg_len;
    public int cmsg_level;
    public int cmsg_type;
}
