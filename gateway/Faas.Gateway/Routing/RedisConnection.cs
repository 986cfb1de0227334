using Faas.Gateway.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Faas.Gateway.Routing;

/// <summary>
/// The gateway's one connection to Redis (<see cref="GatewayOptions.Redis"/>), opened on first use and reconnecting by itself;
/// absent when no Redis is configured.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>>? _connection;

    public RedisConnection(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.Redis is { Length: > 0 } configuration)
        {
            Address = configuration;
            _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(configuration));
        }
    }

    public bool IsConfigured => _connection is not null;

    public string? Address { get; }

    /// <exception cref="InvalidOperationException">No Redis is configured.</exception>
    public async Task<IDatabase> DatabaseAsync()
    {
        if (_connection is null)
        {
            throw new InvalidOperationException("no Redis is configured");
        }

        return (await _connection.Value.ConfigureAwait(false)).GetDatabase();
    }

    /// <exception cref="InvalidOperationException">No Redis is configured.</exception>
    public async Task<ISubscriber> SubscriberAsync()
    {
        if (_connection is null)
        {
            throw new InvalidOperationException("no Redis is configured");
        }

        return (await _connection.Value.ConfigureAwait(false)).GetSubscriber();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsValueCreated: true })
        {
            try
            {
                await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Never connected: nothing to close.
            }
        }
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName = "faas-gateway";
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
