using System.Buffers;
using Faas.Guest.Agent.Http;
using Faas.Guest.Agent.Session;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Invocation;

/// <summary>
/// Carries one invocation to the function's server over HTTP/1.1 and its response back to the host on the same
/// channel: <see cref="MessageType.ResponseHead"/>, <see cref="MessageType.ResponseBody"/> frames of at most
/// <see cref="ResponseFrameSize"/> bytes, then <see cref="MessageType.ResponseEnd"/>; or <see cref="MessageType.Error"/>
/// at whatever point it failed. Nothing is sent for an invocation the host abandoned.
/// </summary>
internal sealed class InvocationRunner(SessionReplies replies, HttpConnectionPool pool)
{
    public const int ResponseFrameSize = 64 * 1024;

    /// <param name="exchange">The invocation; disposed at the end.</param>
    /// <param name="release">Frees the channel; called before the end is sent.</param>
    public async Task RunAsync(InvokeExchange exchange, Action release)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(release);
        var channelId = exchange.ChannelId;
        string? error = null;
        bool abandoned;
        using (exchange)
        {
            try
            {
                error = HttpRequestHead.Validate(exchange.Request) ?? await ExchangeAsync(exchange).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (exchange.Abandoned.IsCancellationRequested)
            {
                // Nothing to report: the host has given up on this invocation.
            }
            catch (Exception e)
            {
                // Whatever went wrong, the host must hear that this invocation is over rather than wait for it.
                replies.Log.Write($"invoke {channelId}: {e}");
                error = $"the agent failed to forward the request: {e.Message}";
            }
            finally
            {
                exchange.Close();
            }

            abandoned = exchange.Abandoned.IsCancellationRequested;
        }

        release();
        if (abandoned)
        {
            return;
        }

        if (error is null)
        {
            await replies.SendAsync(MessageType.ResponseEnd, channelId, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
        }
        else
        {
            await replies.SendErrorAsync(MessageType.Error, channelId, error).ConfigureAwait(false);
        }
    }

    /// <returns>null when the whole response was sent on, otherwise why it failed.</returns>
    private async Task<string?> ExchangeAsync(InvokeExchange exchange)
    {
        var request = exchange.Request;
        var head = HttpRequestHead.Write(request, pool.KeepsConnections);
        for (var attempt = 1; ; attempt++)
        {
            var (connection, reused, connectError) = await pool.RentAsync(request.Port, fresh: attempt > 1, exchange.Abandoned).ConfigureAwait(false);
            if (connection is null)
            {
                return connectError;
            }

            var reusable = false;
            try
            {
                reusable = await ForwardAsync(exchange, connection, head).ConfigureAwait(false);
                return null;
            }
            catch (FunctionHttpException e) when (reused && e.NothingReceived && request.BodyLength == 0 && attempt == 1)
            {
                // The server closed the idle connection as the request went out; a request without a body can go again.
            }
            catch (FunctionHttpException e)
            {
                return e.Message;
            }
            finally
            {
                pool.Return(connection, reusable);
            }
        }
    }

    /// <returns>Whether the connection can take another request.</returns>
    private async Task<bool> ForwardAsync(InvokeExchange exchange, HttpConnection connection, byte[] head)
    {
        var request = exchange.Request;
        var cancellationToken = exchange.Abandoned;
        connection.BeginRequest();
        await connection.SendAsync(head, cancellationToken).ConfigureAwait(false);
        var upload = request.BodyLength == 0 ? null : RequestBodyUpload.Start(exchange, connection);

        try
        {
            var response = await connection.ReadResponseHeadAsync(cancellationToken).ConfigureAwait(false);
            while (response.IsInterim)
            {
                if (response.Status == 101)
                {
                    throw new FunctionHttpException("the function switched protocols (101 Switching Protocols), which invocations do not support");
                }

                response = await connection.ReadResponseHeadAsync(cancellationToken).ConfigureAwait(false);
            }

            var framing = response.FramingFor(isHeadRequest: request.Method == "HEAD");
            var bodyLength = framing switch
            {
                ResponseFraming.None => 0,
                ResponseFraming.ContentLength => response.ContentLength,
                _ => -1,
            };
            await replies.SendAsync(MessageType.ResponseHead, exchange.ChannelId, new InvokeResponseHead(response.Status, response.Headers, bodyLength), MessageCodec.ResponseHead)
                .ConfigureAwait(false);
            await CopyBodyAsync(exchange.ChannelId, connection, response, framing, cancellationToken).ConfigureAwait(false);

            var uploaded = upload is null || upload.AllSent;
            return uploaded && response.AllowsReuse && framing != ResponseFraming.UntilClose && !connection.HasBufferedData;
        }
        catch (FunctionHttpException) when (upload?.Problem is { } problem)
        {
            // The upload closed the connection because the host's body was not what it declared: that is the failure to report.
            throw new FunctionHttpException(problem);
        }
    }

    private async Task CopyBodyAsync(uint channelId, HttpConnection connection, HttpResponseHead response, ResponseFraming framing, CancellationToken cancellationToken)
    {
        if (framing == ResponseFraming.None)
        {
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(ResponseFrameSize);
        var buffer = rented.AsMemory(0, ResponseFrameSize);
        var chunked = framing == ResponseFraming.Chunked ? new ChunkedBodyReader(connection) : null;
        var left = response.ContentLength;
        try
        {
            while (framing != ResponseFraming.ContentLength || left > 0)
            {
                var wanted = framing == ResponseFraming.ContentLength ? buffer[..(int)Math.Min(buffer.Length, left)] : buffer;
                var read = chunked is not null
                    ? await chunked.ReadAsync(wanted, cancellationToken).ConfigureAwait(false)
                    : await connection.ReadAsync(wanted, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (framing == ResponseFraming.ContentLength)
                    {
                        throw new FunctionHttpException(
                            $"the function closed the connection after {response.ContentLength - left} of the {response.ContentLength} bytes its response declared");
                    }

                    return;
                }

                left -= read;
                await replies.SendAsync(MessageType.ResponseBody, channelId, buffer[..read], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
