using System.Runtime.InteropServices;
using System.Text;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Setup;

internal static class LoopbackInterface
{
    private const string Name = "lo";

    /// <summary>Brings <c>lo</c> up; the kernel then assigns 127.0.0.1 and ::1 by itself.</summary>
    /// <returns>Null on success (or when it was already up), otherwise what failed.</returns>
    public static unsafe string? BringUp()
    {
        var socket = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (socket < 0)
        {
            return $"cannot open a socket to configure {Name}: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        try
        {
            ifreq request = default;
            Encoding.ASCII.GetBytes(Name, new Span<byte>(request.ifr_name, LibC.IFNAMSIZ - 1));
            if (LibC.ioctl(socket, LibC.SIOCGIFFLAGS, &request) != 0)
            {
                return $"cannot read the flags of {Name}: {Marshal.GetLastPInvokeErrorMessage()}";
            }

            if ((request.ifr_flags & LibC.IFF_UP) != 0)
            {
                return null;
            }

            request.ifr_flags |= LibC.IFF_UP;
            return LibC.ioctl(socket, LibC.SIOCSIFFLAGS, &request) == 0
                ? null
                : $"cannot bring {Name} up: {Marshal.GetLastPInvokeErrorMessage()}";
        }
        finally
        {
            _ = LibC.close(socket);
        }
    }
}
