using Faas.Gateway.Hosting;
using Faas.Scheduler.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Faas.Gateway.Routing;

/// <summary>
/// The tenant directory's answers shared by every gateway through Redis, behind each gateway's in-memory cache: keyed by the
/// API key's hash (never the key), known keys kept for <see cref="GatewayOptions.AuthCacheTtl"/>, unknown ones for
/// <see cref="GatewayOptions.AuthNegativeCacheTtl"/>. Without Redis, or when Redis fails, it is a miss and the directory is asked.
/// </summary>
public sealed partial class SharedAuthenticationCache(RedisConnection redis, IOptions<GatewayOptions> options, ILogger<SharedAuthenticationCache> logger)
{
    private const string Unknown = "-";

    /// <summary>The channel on which a gateway that revoked a key tells the others to forget it.</summary>
    public static readonly RedisChannel RevokedChannel = RedisChannel.Literal("faas:auth:revoked");

    public static string Key(string keyHash) => $"faas:auth:{keyHash}";

    /// <returns>Whether Redis had an answer; <paramref name="identity"/> is null when the key is known to be unknown.</returns>
    public async ValueTask<(bool Found, TenantIdentity? Identity)> TryGetAsync(string keyHash)
    {
        if (!redis.IsConfigured)
        {
            return (false, null);
        }

        try
        {
            var database = await redis.DatabaseAsync().ConfigureAwait(false);
            var value = (string?)await database.StringGetAsync(Key(keyHash)).ConfigureAwait(false);
            return value switch
            {
                null => (false, null),
                Unknown => (true, null),
                ['a', ':', .. var tenant] => (true, new TenantIdentity(tenant, IsAdmin: true)),
                ['t', ':', .. var tenant] => (true, new TenantIdentity(tenant, IsAdmin: false)),
                _ => (false, null),
            };
        }
        catch (RedisException e)
        {
            LogRedisFailed(logger, e);
            return (false, null);
        }
    }

    public async ValueTask SetAsync(string keyHash, TenantIdentity? identity)
    {
        var ttl = identity is null ? options.Value.AuthNegativeCacheTtl : options.Value.AuthCacheTtl;
        if (!redis.IsConfigured || ttl <= TimeSpan.Zero)
        {
            return;
        }

        var value = identity is null ? Unknown : $"{(identity.IsAdmin ? 'a' : 't')}:{identity.Tenant}";
        try
        {
            var database = await redis.DatabaseAsync().ConfigureAwait(false);
            await database.StringSetAsync(Key(keyHash), value, ttl).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            LogRedisFailed(logger, e);
        }
    }

    /// <summary>
    /// A revoked key: the shared answer becomes "unknown" (for as long as any gateway may have cached it as known) and every
    /// gateway is told to forget its own answer.
    /// </summary>
    public async ValueTask RevokeAsync(string keyHash)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        try
        {
            var database = await redis.DatabaseAsync().ConfigureAwait(false);
            await database.StringSetAsync(Key(keyHash), Unknown, options.Value.AuthCacheTtl + options.Value.AuthNegativeCacheTtl).ConfigureAwait(false);
            await database.PublishAsync(RevokedChannel, keyHash).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            LogRedisFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared authentication cache on Redis failed; asking the tenant directory")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception);
}
