using System.Globalization;
using Faas.Gateway.Hosting;
using Faas.Gateway.Routing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Faas.Gateway.Async;

/// <summary>The Redis side of asynchronous calls: the stream, its consumer group, each call's state and run marker.</summary>
public sealed class AsyncCallStore(RedisConnection redis, IOptions<GatewayOptions> options)
{
    private readonly AsyncOptions _options = options.Value.Async;

    public bool IsConfigured => redis.IsConfigured;

    /// <summary>Records the call as queued, then appends it to the stream.</summary>
    public async Task EnqueueAsync(AsyncCallMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var key = AsyncKeys.Call(message.Id);
        await database.HashSetAsync(key,
        [
            new("tenant", message.Tenant),
            new("function", message.Function),
            new("status", "queued"),
            new("attempts", 0),
        ]).ConfigureAwait(false);
        await database.KeyExpireAsync(key, _options.ResultTtl).ConfigureAwait(false);
        await database.StreamAddAsync(AsyncKeys.Stream, message.ToEntries()).ConfigureAwait(false);
    }

    public async Task<AsyncCallState?> GetAsync(string id)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var fields = await database.HashGetAsync(AsyncKeys.Call(id), ["tenant", "status", "attempts", "result"]).ConfigureAwait(false);
        if (fields[0].IsNull)
        {
            return null;
        }

        return new AsyncCallState(id, (string)fields[0]!, (string?)fields[1] ?? "queued", (int?)fields[2] ?? 0, (string?)fields[3]);
    }

    /// <summary>Creates the consumer group (reading the stream from its start) unless it exists.</summary>
    public async Task EnsureGroupAsync()
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        try
        {
            await database.StreamCreateConsumerGroupAsync(AsyncKeys.Stream, AsyncKeys.Group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another gateway created it first.
        }
    }

    /// <summary>Takes calls no consumer was given yet.</summary>
    public async Task<StreamEntry[]> ReadNewAsync(string consumer, int count)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        return await database.StreamReadGroupAsync(AsyncKeys.Stream, AsyncKeys.Group, consumer, StreamPosition.NewMessages, count).ConfigureAwait(false);
    }

    /// <summary>Takes over calls whose consumer has not touched them for <see cref="AsyncOptions.ClaimIdleTimeout"/>.</summary>
    public async Task<StreamEntry[]> ClaimIdleAsync(string consumer, int count)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var claimed = await database.StreamAutoClaimAsync(AsyncKeys.Stream, AsyncKeys.Group, consumer, (long)_options.ClaimIdleTimeout.TotalMilliseconds, "0-0", count).ConfigureAwait(false);
        return [.. claimed.ClaimedEntries.Where(e => !e.IsNull)];
    }

    /// <summary>Whether the call already has a result (it finished, whether or not its entry was acknowledged).</summary>
    public async Task<bool> HasResultAsync(string id)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        return await database.HashExistsAsync(AsyncKeys.Call(id), "result").ConfigureAwait(false);
    }

    /// <summary>Takes the call's run marker; false while another live consumer holds it.</summary>
    public async Task<bool> TryMarkRunningAsync(string id, string consumer)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        return await database.StringSetAsync(AsyncKeys.Run(id), consumer, _options.ClaimIdleTimeout, When.NotExists).ConfigureAwait(false);
    }

    /// <summary>Tells the others this consumer is still running the call: resets the entry's idle time, extends the marker.</summary>
    public async Task HeartbeatAsync(RedisValue entryId, string id, string consumer)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        await database.StreamClaimIdsOnlyAsync(AsyncKeys.Stream, AsyncKeys.Group, consumer, 0, [entryId]).ConfigureAwait(false);
        await database.KeyExpireAsync(AsyncKeys.Run(id), _options.ClaimIdleTimeout).ConfigureAwait(false);
    }

    /// <returns>The call's attempt number, counting attempts of consumers that died.</returns>
    public async Task<int> StartAttemptAsync(string id)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var key = AsyncKeys.Call(id);
        var attempts = await database.HashIncrementAsync(key, "attempts").ConfigureAwait(false);
        await database.HashSetAsync(key, "status", "running").ConfigureAwait(false);
        return (int)attempts;
    }

    /// <summary>Stores the result (the call is finished from here on), and for a failed call appends it to the dead letters.</summary>
    public async Task CompleteAsync(AsyncCallMessage message, AsyncResult result, string resultJson)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(result);
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var key = AsyncKeys.Call(message.Id);
        await database.HashSetAsync(key,
        [
            new("tenant", message.Tenant),
            new("function", message.Function),
            new("status", result.Status),
            new("attempts", result.Attempts),
            new("result", resultJson),
        ]).ConfigureAwait(false);
        await database.KeyExpireAsync(key, _options.ResultTtl).ConfigureAwait(false);
        if (result.Status == "failed")
        {
            await database.StreamAddAsync(AsyncKeys.DeadLetters,
            [
                new("id", message.Id),
                new("tenant", message.Tenant),
                new("function", message.Function),
                new("attempts", result.Attempts),
                new("error", result.Error ?? ""),
                new("failedAt", result.CompletedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            ]).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The call's stored result when its callback is still owed: it finished, but no consumer recorded the callback as sent (its
    /// consumer died between storing the result and calling back). Null otherwise.
    /// </summary>
    public async Task<string?> ResultOwingCallbackAsync(string id)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var fields = await database.HashGetAsync(AsyncKeys.Call(id), ["result", "callback"]).ConfigureAwait(false);
        return fields[0].IsNull || !fields[1].IsNull ? null : (string?)fields[0];
    }

    /// <summary>Records that the call's callback was made (delivered, or given up after its retries): it is never made again.</summary>
    public async Task MarkCallbackMadeAsync(string id, bool delivered)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        await database.HashSetAsync(AsyncKeys.Call(id), "callback", delivered ? "delivered" : "undeliverable").ConfigureAwait(false);
    }

    /// <summary>Acknowledges the entry and removes it, so the stream's length is the calls not yet finished.</summary>
    public async Task AcknowledgeAsync(RedisValue entryId)
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        await database.StreamAcknowledgeAsync(AsyncKeys.Stream, AsyncKeys.Group, entryId).ConfigureAwait(false);
        await database.StreamDeleteAsync(AsyncKeys.Stream, [entryId]).ConfigureAwait(false);
    }

    /// <returns>Entries in the stream (queued or running) and entries taken by a consumer but not acknowledged.</returns>
    public async Task<(long Length, long Pending)> DepthAsync()
    {
        var database = await redis.DatabaseAsync().ConfigureAwait(false);
        var length = await database.StreamLengthAsync(AsyncKeys.Stream).ConfigureAwait(false);
        var pending = await database.StreamPendingAsync(AsyncKeys.Stream, AsyncKeys.Group).ConfigureAwait(false);
        return (length, pending.PendingMessageCount);
    }
}
