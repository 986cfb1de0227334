using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.LoadTest.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1:0 whose answers are known: <c>?ms=N</c> delays the response N ms, <c>?status=N</c> answers that
/// status, <c>?start=KIND</c> sets X-Faas-Start. It records when each request arrived.
/// </summary>
public sealed class KnownLatencyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TimeSpan> _arrivals = new();
    private readonly long _origin = Stopwatch.GetTimestamp();

    private KnownLatencyServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>When each request arrived, after the server started, in arrival order.</summary>
    public IReadOnlyList<TimeSpan> Arrivals => [.. _arrivals.Order()];

    public static async Task<KnownLatencyServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new KnownLatencyServer(app);
        app.Map("/{**path}", server.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(int delayMs, int status = 200, string? start = null) =>
        new(Address, $"call?ms={delayMs.ToString(CultureInfo.InvariantCulture)}&status={status.ToString(CultureInfo.InvariantCulture)}{(start is null ? "" : $"&start={start}")}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        _arrivals.Enqueue(Stopwatch.GetElapsedTime(_origin));
        var query = context.Request.Query;
        var delay = TimeSpan.FromMilliseconds(int.Parse(query["ms"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture));
        // Timers may fire a little early; the delay is a floor the latency tests rely on.
        var received = Stopwatch.GetTimestamp();
        for (var remaining = delay; remaining > TimeSpan.Zero; remaining = delay - Stopwatch.GetElapsedTime(received))
        {
            await Task.Delay(remaining, context.RequestAborted);
        }

        context.Response.StatusCode = int.Parse(query["status"].FirstOrDefault() ?? "200", CultureInfo.InvariantCulture);
        if (query["start"].FirstOrDefault() is { } start)
        {
            context.Response.Headers["X-Faas-Start"] = start;
        }

        await context.Response.WriteAsync("done\n", context.RequestAborted);
    }
}
