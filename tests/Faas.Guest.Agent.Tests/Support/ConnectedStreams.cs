using System.Net.Sockets;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>Two ends of a real Unix stream socket connection.</summary>
internal static class ConnectedStreams
{
    public static (Socket Agent, Socket Host) CreateSocketPair()
    {
        var path = Path.Join(Path.GetTempPath(), $"faas-agent-test-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var host = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        host.Connect(new UnixDomainSocketEndPoint(path));
        var agent = listener.Accept();
        File.Delete(path);
        return (agent, host);
    }
}
