using System.Threading.Channels;
using Faas.Worker.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Faas.Gateway.Tests.Async;

/// <summary>A Kestrel listener on loopback that records every POST it receives, as a callback URL's server would.</summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedCallback> _received = Channel.CreateUnbounded<ReceivedCallback>();

    private CallbackListener(WebApplication app) => _app = app;

    public Uri Url => new(WorkerHost.Addresses(_app)[0], "/callback");

    public static async Task<CallbackListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new CallbackListener(app);
        app.MapPost("/callback", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            await listener._received.Writer.WriteAsync(new ReceivedCallback(headers, body.ToArray()), context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        return listener;
    }

    public async Task<ReceivedCallback> NextAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        return await _received.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
