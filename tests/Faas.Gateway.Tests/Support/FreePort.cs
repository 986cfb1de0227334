using System.Net;
using System.Net.Sockets;

namespace Faas.Gateway.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now (for the silo, which needs its ports up front).</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
