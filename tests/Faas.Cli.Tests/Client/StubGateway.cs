using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.Cli.Tests.Client;

/// <summary>
/// A stand-in for the gateway on 127.0.0.1:0, answering what each test maps as docs/api.md describes, recording every
/// request and, when given a key, refusing others with 401 as the real one does.
/// </summary>
internal sealed class StubGateway : IAsyncDisposable
{
    public const string Key = "test-key-0123456789";

    private readonly WebApplication _app;

    private StubGateway(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Address { get; private set; } = null!;

    public static async Task<StubGateway> StartAsync(Action<WebApplication> routes, string? requiredKey = Key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gateway = new StubGateway(app);
        app.Use(async (context, next) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            gateway.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            context.Request.Body = new MemoryStream(body.ToArray());
            if (requiredKey is not null && context.Request.Headers.Authorization.ToString() != $"Bearer {requiredKey}")
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ProblemAsync(context, 401, "Unauthorized", "missing or unknown API key");
                return;
            }

            await next(context);
        });
        routes(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.Address = new Uri(address);
        return gateway;
    }

    public RecordedRequest Single(string method, string path) =>
        Assert.Single(Requests, r => r.Method == method && r.Path == path);

    public static async Task ProblemAsync(HttpContext context, int status, string title, string detail, string? outputTail = null, string? function = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"https://faas.dev/problems/{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (outputTail is not null)
        {
            problem["outputTail"] = outputTail;
        }

        if (function is not null)
        {
            problem["function"] = function;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(problem));
    }

    /// <summary>Writes NDJSON lines, flushing each, as the gateway streams a deploy.</summary>
    public static async Task NdjsonAsync(HttpContext context, params object[] lines)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        foreach (var line in lines)
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(line) + "\n");
            await context.Response.Body.FlushAsync();
        }
    }

    /// <summary>A function as GET /system/functions describes it.</summary>
    public static Dictionary<string, object?> Function(string name, int version = 1, string image = "127.0.0.1:5000/samples/busybox-http:latest") => new()
    {
        ["name"] = name,
        ["namespace"] = "default",
        ["image"] = image,
        ["imageDigest"] = "sha256:" + new string('a', 64),
        ["version"] = version,
        ["envVars"] = new Dictionary<string, string> { ["GREETING"] = "hi" },
        ["labels"] = new Dictionary<string, string>(),
        ["annotations"] = new Dictionary<string, string>(),
        ["limits"] = new Dictionary<string, string> { ["memory"] = "256Mi", ["cpu"] = "1" },
        ["memory"] = "256Mi",
        ["minInstances"] = 0,
        ["maxInstances"] = 10,
        ["maxConcurrency"] = 1,
        ["keepAlive"] = "5m0s",
        ["timeout"] = "30s",
        ["replicas"] = 1,
        ["availableReplicas"] = 1,
        ["invocationCount"] = 42,
        ["createdAt"] = "2026-11-23T01:00:00Z",
        ["snapshot"] = "ready",
        ["instances"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["id"] = "i-0001", ["worker"] = "local", ["version"] = version, ["state"] = "idle", ["start"] = "restore",
                ["activeCalls"] = 0, ["lastUsedAt"] = "2026-11-23T01:02:03Z",
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
