using System.Buffers;
using System.Globalization;
using Faas.Guest.Agent.Http;

namespace Faas.Guest.Agent.Invocation;

/// <summary>
/// Streams an invocation's body frames into the connection as they arrive, as they are (Content-Length) or as chunks
/// (unknown length). Runs alongside the reading of the response, which a server may start before the body ends.
/// </summary>
internal sealed class RequestBodyUpload
{
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    private readonly InvokeExchange _exchange;
    private readonly HttpConnection _connection;
    private readonly CancellationToken _abandoned;
    private volatile string? _problem;
    private volatile bool _allSent;

    private RequestBodyUpload(InvokeExchange exchange, HttpConnection connection)
    {
        _exchange = exchange;
        _connection = connection;
        _abandoned = exchange.Abandoned;
        _ = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Every byte of the body has gone into the connection; false while it streams, or when the upload stopped (abandoned, connection broken, invalid body).</summary>
    public bool AllSent => _allSent;

    /// <summary>Why the host's body could not be sent as declared; the connection is then closed so the response fails too.</summary>
    public string? Problem => _problem;

    public static RequestBodyUpload Start(InvokeExchange exchange, HttpConnection connection) => new(exchange, connection);

    private async Task RunAsync()
    {
        var declared = _exchange.Request.BodyLength;
        var chunked = declared < 0;
        var cancellationToken = _abandoned;
        long sent = 0;
        try
        {
            await foreach (var chunk in _exchange.Body.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (chunk.IsEmpty)
                {
                    continue;
                }

                if (chunked)
                {
                    await SendChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (sent + chunk.Length > declared)
                {
                    Fail($"invalid request: its body is longer than its declared length of {declared} bytes");
                    return;
                }

                await _connection.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
                sent += chunk.Length;
                if (sent == declared)
                {
                    // Done without waiting for RequestEnd, which may reach the agent after the server has answered.
                    _allSent = true;
                    return;
                }
            }

            if (!_exchange.BodyComplete)
            {
                return;
            }

            if (!chunked)
            {
                Fail($"invalid request: its body ended after {sent} of its declared {declared} bytes");
                return;
            }

            await _connection.SendAsync(LastChunk, cancellationToken).ConfigureAwait(false);
            _allSent = true;
        }
        catch (Exception e) when (e is FunctionHttpException or OperationCanceledException or ObjectDisposedException)
        {
            // The response side reports what happened to the connection, or the invocation is already over.
        }
    }

    private async ValueTask SendChunkAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var sizeLine = $"{data.Length.ToString("x", CultureInfo.InvariantCulture)}\r\n";
        var chunkLength = sizeLine.Length + data.Length + 2;
        var chunk = ArrayPool<byte>.Shared.Rent(chunkLength);
        try
        {
            var written = System.Text.Encoding.ASCII.GetBytes(sizeLine, chunk);
            data.Span.CopyTo(chunk.AsSpan(written));
            "\r\n"u8.CopyTo(chunk.AsSpan(written + data.Length));
            await _connection.SendAsync(chunk.AsMemory(0, chunkLength), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void Fail(string problem)
    {
        _problem = problem;
        _connection.Dispose();
    }
}
