using System.Net;
using System.Net.Sockets;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Http;

/// <summary>
/// One TCP connection to the function's server on loopback, with the receive buffer that response heads and chunk
/// lines are parsed from. Not thread-safe, except that sending (the request body) and receiving (the response) may run
/// at the same time.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    /// <summary>The receive buffer, and so the largest response head accepted.</summary>
    public const int BufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private long _receivedSinceRequest;

    private HttpConnection(Socket socket, int port)
    {
        _socket = socket;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Received bytes not consumed yet.</summary>
    public bool HasBufferedData => _end > _start;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>, or to [::1] when nothing listens on IPv4.</summary>
    /// <returns>The connection, or why there is none.</returns>
    public static async ValueTask<(HttpConnection? Connection, string? Error)> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var (socket, error) = await TryConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
        if (socket is null && error == SocketError.ConnectionRefused)
        {
            (socket, var ipv6Error) = await TryConnectAsync(IPAddress.IPv6Loopback, port, cancellationToken).ConfigureAwait(false);
            error = ipv6Error is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable ? error : ipv6Error;
        }

        return socket is not null ? (new HttpConnection(socket, port), null)
            : error == SocketError.ConnectionRefused ? (null, $"the function does not accept connections on port {port} (connection refused)")
            : (null, $"cannot connect to the function on port {port}: {new SocketException((int)error).Message}");
    }

    /// <summary>Whether the server has neither closed this idle connection nor sent anything unasked on it.</summary>
    public bool IsIdleAndOpen()
    {
        try
        {
            return !HasBufferedData && !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Marks the start of a request, for <see cref="FunctionHttpException.NothingReceived"/>.</summary>
    public void BeginRequest() => _receivedSinceRequest = 0;

    /// <exception cref="FunctionHttpException">The connection broke.</exception>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }

            AcknowledgeAtOnce();
        }
        catch (SocketException e)
        {
            throw Broken("cannot send the request to the function", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new FunctionHttpException("the connection to the function was closed", e);
        }
    }

    /// <summary>Reads the next response head: the status line and headers up to the empty line.</summary>
    /// <exception cref="FunctionHttpException">The connection ended or broke first, or the head is malformed or larger than <see cref="BufferSize"/>.</exception>
    public async ValueTask<HttpResponseHead> ReadResponseHeadAsync(CancellationToken cancellationToken)
    {
        var searchedUpTo = _start;
        while (true)
        {
            if (FindEmptyLine(searchedUpTo) is var headEnd and >= 0)
            {
                var head = HttpResponseHeadParser.Parse(_buffer.AsSpan(_start, headEnd - _start));
                _start = headEnd;
                return head;
            }

            searchedUpTo = Math.Max(_start, _end - 3);
            if (_end - _start == BufferSize)
            {
                throw new FunctionHttpException($"the function sent a malformed response: its headers exceed {BufferSize / 1024} KiB");
            }

            var received = await FillAsync(cancellationToken).ConfigureAwait(false);
            searchedUpTo -= received.Shift;
            if (received.Count == 0)
            {
                throw new FunctionHttpException(
                    _receivedSinceRequest == 0 ? "the function closed the connection before responding" : "the function closed the connection in the middle of its response headers")
                {
                    NothingReceived = _receivedSinceRequest == 0,
                };
            }
        }
    }

    /// <summary>Reads one line (without its CRLF or LF); the bytes stay valid until the next read.</summary>
    /// <exception cref="FunctionHttpException">The connection ended first or the line is longer than <paramref name="maxLength"/>.</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(int maxLength, string what, CancellationToken cancellationToken)
    {
        var searchedUpTo = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchedUpTo, _end - searchedUpTo).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchedUpTo + newline;
                var line = _buffer.AsMemory(_start, lineEnd - _start);
                _start = lineEnd + 1;
                return line.Span.EndsWith((byte)'\r') ? line[..^1] : line;
            }

            if (_end - _start > maxLength)
            {
                throw new FunctionHttpException($"the function sent a malformed response: {what} is longer than {maxLength} bytes");
            }

            searchedUpTo = _end;
            var received = await FillAsync(cancellationToken).ConfigureAwait(false);
            searchedUpTo -= received.Shift;
            if (received.Count == 0)
            {
                throw new FunctionHttpException($"the function closed the connection in the middle of its response ({what})");
            }
        }
    }

    /// <summary>Reads body bytes: buffered ones first, then straight from the socket.</summary>
    /// <returns>The number of bytes read; 0 when the server closed the connection.</returns>
    /// <exception cref="FunctionHttpException">The connection broke.</exception>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (HasBufferedData)
        {
            var count = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(destination.Span);
            _start += count;
            return count;
        }

        return await ReceiveAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _socket.Dispose();

    private static async ValueTask<(Socket? Socket, SocketError Error)> TryConnectAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Requests and responses are small writes that must not wait for each other's acknowledgements.
            socket.NoDelay = true;
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
            return (socket, SocketError.Success);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, e.SocketErrorCode);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sending right after receiving puts the socket in the kernel's interactive mode, which delays acknowledgements to
    /// piggyback them on the next request. A server that writes its head and body separately without TCP_NODELAY then
    /// holds the body (Nagle) until that acknowledgement, which on a kept-alive connection only a 40 ms timer sends.
    /// Leaving that mode after each send makes the first read of the response acknowledge at once.
    /// </summary>
    private void AcknowledgeAtOnce()
    {
        ReadOnlySpan<byte> enable = [1, 0, 0, 0];
        _socket.SetRawSocketOption(LibC.IPPROTO_TCP, LibC.TCP_QUICKACK, enable);
    }

    /// <summary>The end of the head: just past the first empty line at or after <paramref name="from"/>, or -1.</summary>
    private int FindEmptyLine(int from)
    {
        var span = _buffer.AsSpan(from, _end - from);
        var offset = 0;
        while (span.IndexOf((byte)'\n') is var newline and >= 0)
        {
            var next = span[(newline + 1)..];
            if (next.StartsWith((byte)'\n'))
            {
                return from + offset + newline + 2;
            }

            if (next.StartsWith("\r\n"u8))
            {
                return from + offset + newline + 3;
            }

            offset += newline + 1;
            span = next;
        }

        return -1;
    }

    /// <summary>Receives more into the buffer, first moving unconsumed bytes to its start when it is full.</summary>
    private async ValueTask<(int Count, int Shift)> FillAsync(CancellationToken cancellationToken)
    {
        var shift = 0;
        if (_start == _end)
        {
            shift = _start;
            _start = _end = 0;
        }
        else if (_end == BufferSize)
        {
            shift = _start;
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var count = await ReceiveAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += count;
        return (count, shift);
    }

    private async ValueTask<int> ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            var count = await _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            _receivedSinceRequest += count;
            return count;
        }
        catch (SocketException e)
        {
            throw Broken("the connection to the function broke", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new FunctionHttpException("the connection to the function was closed", e);
        }
    }

    private FunctionHttpException Broken(string what, SocketException e) =>
        new(e.SocketErrorCode == SocketError.ConnectionReset ? $"{what}: the function reset the connection" : $"{what}: {e.Message}", e)
        {
            NothingReceived = _receivedSinceRequest == 0,
        };
}
