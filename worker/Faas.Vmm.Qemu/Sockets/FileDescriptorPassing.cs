using System.Net.Sockets;
using System.Runtime.InteropServices;
using Faas.Vmm.Qemu.Interop;

namespace Faas.Vmm.Qemu.Sockets;

/// <summary>Sends bytes over a unix socket with a file descriptor attached to them (SCM_RIGHTS): the receiver gets its own copy.</summary>
internal static unsafe class FileDescriptorPassing
{
    private const int PollMicroseconds = 1_000_000;

    /// <exception cref="IOException">sendmsg failed.</exception>
    /// <exception cref="SocketException">Writing the bytes after the first ones failed.</exception>
    public static void Send(Socket socket, ReadOnlySpan<byte> data, SafeHandle fileDescriptor)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(fileDescriptor);
        var socketHandle = socket.SafeHandle;
        bool socketAdded = false, fileAdded = false;
        try
        {
            socketHandle.DangerousAddRef(ref socketAdded);
            fileDescriptor.DangerousAddRef(ref fileAdded);
            var sent = SendWithDescriptor(socket, (int)socketHandle.DangerousGetHandle(), data, (int)fileDescriptor.DangerousGetHandle());
            if (sent < data.Length)
            {
                // The descriptor travelled with the first bytes; the rest is an ordinary write.
                socket.Send(data[sent..]);
            }
        }
        finally
        {
            if (fileAdded)
            {
                fileDescriptor.DangerousRelease();
            }

            if (socketAdded)
            {
                socketHandle.DangerousRelease();
            }
        }
    }

    private static int SendWithDescriptor(Socket socket, int socketDescriptor, ReadOnlySpan<byte> data, int descriptor)
    {
        var space = LibC.CMSG_SPACE(sizeof(int));
        var control = stackalloc byte[(int)space];
        new Span<byte>(control, (int)space).Clear();
        var header = (cmsghdr*)control;
        header->cmsg_len = LibC.CMSG_LEN(sizeof(int));
        header->cmsg_level = LibC.SOL_SOCKET;
        header->cmsg_type = LibC.SCM_RIGHTS;
        *(int*)(control + LibC.CMSG_ALIGN((nuint)sizeof(cmsghdr))) = descriptor;

        fixed (byte* bytes = data)
        {
            var vector = new iovec { iov_base = bytes, iov_len = (nuint)data.Length };
            var message = new msghdr { msg_iov = &vector, msg_iovlen = 1, msg_control = control, msg_controllen = space };
            while (true)
            {
                var sent = LibC.sendmsg(socketDescriptor, &message, LibC.MSG_NOSIGNAL | LibC.MSG_DONTWAIT);
                if (sent >= 0)
                {
                    return (int)sent;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EAGAIN)
                {
                    socket.Poll(PollMicroseconds, SelectMode.SelectWrite);
                }
                else if (errno != LibC.EINTR)
                {
                    throw new IOException($"sendmsg with a file descriptor failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                }
            }
        }
    }
}
