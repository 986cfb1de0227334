using Faas.Gateway.Hosting;
using Faas.Gateway.Tests.Platform;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Faas.Worker.Http;

namespace Faas.Gateway.Tests.Async;

/// <summary>
/// A real redis-server and a second gateway configured with it, in front of the platform of <see cref="PlatformFixture"/>
/// (same scheduler silo, same worker, same tenants): its asynchronous consumer is the live one of the tests.
/// </summary>
public sealed class AsyncGatewayFixture : IAsyncLifetime
{
    public const string ConsumerName = "gateway-a";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private RedisServer? _redis;
    private WebApplication? _gateway;
    private HttpClient? _client;

    internal RedisServer Redis => _redis ?? throw new InvalidOperationException("redis-server is not started");

    public static TimeSpan ClaimIdleTimeout => TimeSpan.FromSeconds(2);

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartAsync();

    /// <summary>The services of the gateway with Redis (once <see cref="ClientAsync"/> started it).</summary>
    public IServiceProvider Services => _gateway?.Services ?? throw new InvalidOperationException("the gateway with Redis is not started");

    /// <summary>The gateway with Redis, started on first use (it needs the platform's grains).</summary>
    public async Task<HttpClient> ClientAsync(PlatformFixture platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await _starting.WaitAsync();
        try
        {
            if (_client is not null)
            {
                return _client;
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton(platform.Grains);
            builder.Services.AddSingleton<IInstanceManager>(platform.Manager);
            builder.Services.AddFaasGateway(gateway =>
            {
                gateway.Redis = Redis.Address;
                gateway.WorkerKey = platform.WorkerKey;
                gateway.InstanceId = ConsumerName;
                gateway.Async.ClaimIdleTimeout = ClaimIdleTimeout;
                gateway.Async.RetryBackoff = TimeSpan.FromMilliseconds(200);
                gateway.Async.MaxAttempts = 3;
                gateway.Async.PollInterval = TimeSpan.FromMilliseconds(100);
            });
            _gateway = builder.Build();
            _gateway.MapFaasGateway();
            await _gateway.StartAsync();
            _client = new HttpClient { BaseAddress = WorkerHost.Addresses(_gateway)[0], Timeout = TimeSpan.FromMinutes(5) };
            return _client;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _starting.Dispose();
    }
}
