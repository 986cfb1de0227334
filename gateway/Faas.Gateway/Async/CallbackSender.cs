using System.Net;
using System.Net.Sockets;
using Faas.Gateway.Hosting;
using Faas.Gateway.Invocation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Async;

/// <summary>
/// Posts a finished call's result to its <c>X-Callback-Url</c>: the function's body and Content-Type, its status in
/// <c>X-Function-Status</c>, the call's id in <c>X-Call-Id</c>. Retried with backoff on network errors and 5xx answers; the
/// addresses a host name resolves to are checked too, so DNS cannot lead a callback to a link-local address.
/// </summary>
public sealed partial class CallbackSender : IDisposable
{
    public const string FunctionStatusHeader = "X-Function-Status";

    private readonly HttpClient _client;
    private readonly AsyncOptions _options;
    private readonly ILogger<CallbackSender> _logger;

    public CallbackSender(IOptions<GatewayOptions> options, ILogger<CallbackSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Async;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = _options.CallbackTimeout };
    }

    /// <returns>Whether the callback URL accepted the result (2xx, 3xx or 4xx: a 4xx is not retried).</returns>
    public async Task<bool> SendAsync(string url, AsyncResult result, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
                if (result.Headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) is { } type)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type.Value);
                }

                request.Headers.TryAddWithoutValidation(GatewayHeaders.CallId, result.Id);
                request.Headers.TryAddWithoutValidation(FunctionStatusHeader, result.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("X-Async-Status", result.Status);
                using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500)
                {
                    return response.IsSuccessStatusCode;
                }

                LogCallbackFailed(_logger, result.Id, attempt, $"{(int)response.StatusCode}", null);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogCallbackFailed(_logger, result.Id, attempt, e.Message, e);
            }

            if (attempt >= _options.CallbackAttempts)
            {
                return false;
            }

            await Task.Delay(_options.RetryBackoff * Math.Pow(2, attempt - 1), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => !CallbackUrls.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"callback host {context.DnsEndPoint.Host} resolves only to link-local addresses");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback of call {CallId} failed (attempt {Attempt}): {Error}")]
    private static partial void LogCallbackFailed(ILogger logger, string callId, int attempt, string error, Exception? exception);
}
