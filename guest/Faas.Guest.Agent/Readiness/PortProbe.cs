using System.Buffers.Binary;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Readiness;

/// <summary>Whether something accepts TCP connections on a loopback port, over IPv4 (127.0.0.1) or IPv6 (::1).</summary>
internal static unsafe class PortProbe
{
    private const uint Ipv4Loopback = 0x7f000001;

    /// <summary>A connection that takes longer than this counts as refused; on loopback one is made in microseconds.</summary>
    private const int ConnectTimeoutMicroseconds = 100_000;

    public static bool Accepts(int port) => AcceptsIpv4(port) || AcceptsIpv6(port);

    private static bool AcceptsIpv4(int port)
    {
        var address = new sockaddr_in
        {
            sin_family = LibC.AF_INET,
            sin_port = BinaryPrimitives.ReverseEndianness((ushort)port),
            sin_addr = BinaryPrimitives.ReverseEndianness(Ipv4Loopback),
        };
        return TryConnect(LibC.AF_INET, &address, (uint)sizeof(sockaddr_in));
    }

    private static bool AcceptsIpv6(int port)
    {
        var address = new sockaddr_in6
        {
            sin6_family = LibC.AF_INET6,
            sin6_port = BinaryPrimitives.ReverseEndianness((ushort)port),
        };
        address.sin6_addr[15] = 1;
        return TryConnect(LibC.AF_INET6, &address, (uint)sizeof(sockaddr_in6));
    }

    private static bool TryConnect(int family, void* address, uint length)
    {
        var socket = LibC.socket(family, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (socket < 0)
        {
            // No such address family in this kernel, or out of descriptors: nothing to connect to this round.
            return false;
        }

        try
        {
            var timeout = new timeval { tv_sec = 0, tv_usec = ConnectTimeoutMicroseconds };
            _ = LibC.setsockopt(socket, LibC.SOL_SOCKET, LibC.SO_SNDTIMEO, &timeout, (uint)sizeof(timeval));
            return LibC.connect(socket, address, length) == 0;
        }
        finally
        {
            _ = LibC.close(socket);
        }
    }
}
