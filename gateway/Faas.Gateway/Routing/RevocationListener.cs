using Faas.Gateway.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Faas.Gateway.Routing;

/// <summary>With Redis: forgets the cached answer for every key another gateway revoked, so a revoked key stops working everywhere at once.</summary>
public sealed partial class RevocationListener(RedisConnection redis, AuthenticationCache cache, ILogger<RevocationListener> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.IsConfigured)
        {
            // In the background: a Redis that is down must not hold up the gateway's start.
            _ = SubscribeAsync();
        }

        return Task.CompletedTask;
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var subscriber = await redis.SubscriberAsync().ConfigureAwait(false);
            await subscriber.SubscribeAsync(SharedAuthenticationCache.RevokedChannel, (_, keyHash) =>
            {
                if (keyHash.HasValue)
                {
                    cache.Remove(keyHash.ToString());
                }
            }).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            // Without the subscription a revoked key may still work on this gateway until its cached answer expires.
            LogSubscribeFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to key revocations on Redis; revoked keys expire from this gateway's cache instead")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
