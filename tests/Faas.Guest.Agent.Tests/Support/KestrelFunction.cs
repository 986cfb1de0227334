using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>A real HTTP/1.1 server (Kestrel) on a loopback port, standing in for a function.</summary>
internal sealed class KestrelFunction : IAsyncDisposable
{
    private WebApplication? _app;
    private int _connections;

    public int Port { get; private set; }

    /// <summary>TCP connections the server has accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static async Task<KestrelFunction> StartAsync()
    {
        var function = new KestrelFunction();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
            {
                Interlocked.Increment(ref function._connections);
                return next(connection);
            }));
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        function._app = app;
        app.MapMethods("/headers", ["GET", "HEAD"], WriteRequestHeaders);
        app.MapPost("/echo", EchoAsync);
        app.MapGet("/chunked", WriteChunkedAsync);
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        function.Port = new Uri(address).Port;
        return function;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The request's headers as lines of the body; response headers with repeated names and odd characters.</summary>
    private static async Task WriteRequestHeaders(HttpContext context)
    {
        var lines = new StringBuilder();
        foreach (var (name, values) in context.Request.Headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var value in values)
            {
                lines.Append(name.ToLowerInvariant()).Append(": ").Append(value).Append('\n');
            }
        }

        context.Response.Headers.Append("Set-Cookie", "a=1");
        context.Response.Headers.Append("Set-Cookie", "b=2; Path=/");
        context.Response.Headers["X-Function"] = "kestrel, with a comma";
        context.Response.Headers["Keep-Alive"] = "timeout=5";
        context.Response.ContentType = "text/plain";
        var body = Encoding.UTF8.GetBytes(lines.ToString());
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body);
        }
    }

    /// <summary>Streams the request body back as it arrives: with its Content-Length when it had one, chunked otherwise.</summary>
    private static async Task EchoAsync(HttpContext context)
    {
        context.Response.ContentType = context.Request.ContentType ?? "application/octet-stream";
        context.Response.ContentLength = context.Request.ContentLength;
        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read));
            await context.Response.Body.FlushAsync();
        }
    }

    private static async Task WriteChunkedAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        foreach (var part in new[] { "one,", "two,", "three" })
        {
            await context.Response.WriteAsync(part);
            await context.Response.Body.FlushAsync();
        }
    }
}
