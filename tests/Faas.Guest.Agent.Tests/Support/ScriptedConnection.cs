using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>One accepted connection of a <see cref="ScriptedServer"/>: reads requests, writes whatever bytes the script says.</summary>
internal sealed class ScriptedConnection(Socket socket, CancellationToken stop) : IDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private readonly MemoryStream _pending = new();

    /// <summary>The next request's head (as text) and body (Content-Length or chunked), or null when the client closed the connection.</summary>
    public async Task<ScriptedRequest?> ReadRequestAsync()
    {
        var head = await ReadUntilAsync("\r\n\r\n"u8.ToArray());
        if (head is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(head);
        var lines = text.Split("\r\n");
        var contentLength = lines.FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } length
            ? int.Parse(length["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)
            : 0;
        var chunked = lines.Any(line => line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
        var body = new MemoryStream();
        if (chunked)
        {
            while (true)
            {
                var sizeLine = Encoding.ASCII.GetString(await ReadUntilAsync("\r\n"u8.ToArray()) ?? throw new IOException("closed inside a chunk size"));
                var size = int.Parse(sizeLine.TrimEnd(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var data = await ReadExactlyAsync(size + 2);
                if (size == 0)
                {
                    break;
                }

                body.Write(data, 0, size);
            }
        }
        else
        {
            body.Write(await ReadExactlyAsync(contentLength));
        }

        return new ScriptedRequest(text, body.ToArray());
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] data)
    {
        await _stream.WriteAsync(data, stop);
        await _stream.FlushAsync(stop);
    }

    /// <summary>Closes with a TCP reset instead of an orderly close.</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _pending.Dispose();
    }

    private async Task<byte[]?> ReadUntilAsync(byte[] delimiter)
    {
        var buffer = new byte[1];
        while (true)
        {
            var pending = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
            var end = pending.IndexOf(delimiter);
            if (end >= 0)
            {
                var found = pending[..(end + delimiter.Length)].ToArray();
                Consume(found.Length);
                return found;
            }

            if (await _stream.ReadAsync(buffer, stop) == 0)
            {
                return null;
            }

            _pending.WriteByte(buffer[0]);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var data = new byte[count];
        var fromPending = (int)Math.Min(count, _pending.Length);
        _pending.GetBuffer().AsSpan(0, fromPending).CopyTo(data);
        Consume(fromPending);
        await _stream.ReadExactlyAsync(data.AsMemory(fromPending), stop);
        return data;
    }

    private void Consume(int count)
    {
        var rest = _pending.GetBuffer().AsSpan(count, (int)_pending.Length - count).ToArray();
        _pending.SetLength(0);
        _pending.Write(rest);
    }
}
