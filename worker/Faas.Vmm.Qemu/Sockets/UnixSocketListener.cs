using System.Net.Sockets;

namespace Faas.Vmm.Qemu.Sockets;

/// <summary>A listening unix stream socket that QEMU connects to (chardev socket with server=off).</summary>
internal sealed class UnixSocketListener : IDisposable
{
    private readonly Socket _socket;

    private UnixSocketListener(string path, Socket socket)
    {
        Path = path;
        _socket = socket;
    }

    public string Path { get; }

    /// <exception cref="SocketException">The path cannot be bound (too long, exists, no permission).</exception>
    public static UnixSocketListener Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(1);
            return new UnixSocketListener(path, socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Waits for QEMU to connect and returns the connection as a stream that owns its socket.</summary>
    public async Task<Stream> AcceptAsync(CancellationToken cancellationToken)
    {
        var connection = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        return new NetworkStream(connection, ownsSocket: true);
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
