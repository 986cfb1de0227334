using System.Net;
using Faas.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Invocation;

/// <summary>
/// The one HTTP client every call to a worker goes through: pooled connections, no proxy, no redirects, no decompression, no
/// cookies and no trace headers of its own, so the function's exchange passes through untouched.
/// </summary>
public sealed class ForwarderClient : IDisposable
{
    public ForwarderClient(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = options.Value.ForwarderConnectTimeout,
            MaxConnectionsPerServer = options.Value.MaxConnectionsPerWorker,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
