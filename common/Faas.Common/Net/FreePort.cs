using System.Net;
using System.Net.Sockets;

namespace Faas.Common.Net;

/// <summary>A loopback TCP port nothing listens on right now (for servers that need their port up front).</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
