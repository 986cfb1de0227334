using System.Net;
using System.Net.Sockets;

namespace Faas.Guest.Agent.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback TCP port nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
