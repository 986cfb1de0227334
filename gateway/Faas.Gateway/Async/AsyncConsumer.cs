using System.Collections.Concurrent;
using System.Text.Json;
using Faas.Gateway.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Faas.Gateway.Async;

/// <summary>
/// This gateway's consumer of the asynchronous call stream (consumer name = <see cref="GatewayOptions.InstanceId"/>). It takes
/// new calls with XREADGROUP and, every quarter of <see cref="AsyncOptions.ClaimIdleTimeout"/>, claims calls left idle by a
/// consumer that died (XAUTOCLAIM). A call with a result is only acknowledged, never run again; otherwise the consumer takes
/// the call's run marker (SET NX), runs it with retries on platform errors, stores the result, then acknowledges it, keeping
/// the entry and the marker fresh while the call runs so no other gateway claims it.
/// </summary>
public sealed partial class AsyncConsumer(
    AsyncCallStore queue,
    AsyncCallRunner runner,
    CallbackSender callbacks,
    AsyncMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<AsyncConsumer> logger) : BackgroundService
{
    private readonly AsyncOptions _options = options.Value.Async;
    private readonly string _consumer = options.Value.InstanceId;
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public string ConsumerName => _consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queue.IsConfigured || !_options.ConsumerEnabled)
        {
            return;
        }

        using var slots = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
        var claimInterval = _options.ClaimIdleTimeout / 4;
        var lastClaim = long.MinValue;
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await queue.EnsureGroupAsync().ConfigureAwait(false);
                    groupReady = true;
                }

                var free = slots.CurrentCount;
                if (free == 0)
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    slots.Release();
                    continue;
                }

                var entries = new List<StreamEntry>();
                if (lastClaim == long.MinValue || time.GetElapsedTime(lastClaim) >= claimInterval)
                {
                    lastClaim = time.GetTimestamp();
                    entries.AddRange(await queue.ClaimIdleAsync(_consumer, free).ConfigureAwait(false));
                }

                if (entries.Count < free)
                {
                    entries.AddRange(await queue.ReadNewAsync(_consumer, free - entries.Count).ConfigureAwait(false));
                }

                var (length, pending) = await queue.DepthAsync().ConfigureAwait(false);
                metrics.SetDepth(length, pending);
                if (entries.Count == 0)
                {
                    await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var entry in entries)
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    var key = entry.Id.ToString();
                    _running[key] = Task.Run(async () =>
                    {
                        try
                        {
                            await ProcessAsync(entry, stoppingToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            _running.TryRemove(key, out _);
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RedisException e)
            {
                LogRedisFailed(logger, e);
                await DelayQuietlyAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(_running.Values).ConfigureAwait(false);
    }

    private async Task ProcessAsync(StreamEntry entry, CancellationToken stoppingToken)
    {
        try
        {
            if (AsyncCallMessage.TryParse(entry) is not { } message)
            {
                LogMalformed(logger, entry.Id.ToString());
                await queue.AcknowledgeAsync(entry.Id).ConfigureAwait(false);
                return;
            }

            if (await queue.HasResultAsync(message.Id).ConfigureAwait(false))
            {
                if (message.CallbackUrl is not null && !await queue.TryMarkRunningAsync(message.Id, _consumer).ConfigureAwait(false))
                {
                    LogHeldElsewhere(logger, message.Id);
                    return;
                }

                LogAlreadyDone(logger, message.Id);
                await CallBackIfOwedAsync(message, stoppingToken).ConfigureAwait(false);
                await queue.AcknowledgeAsync(entry.Id).ConfigureAwait(false);
                return;
            }

            if (!await queue.TryMarkRunningAsync(message.Id, _consumer).ConfigureAwait(false))
            {
                LogHeldElsewhere(logger, message.Id);
                return;
            }

            await RunAsync(entry.Id, message, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left pending: another gateway claims it once it has been idle long enough.
        }
        catch (RedisException e)
        {
            LogRedisFailed(logger, e);
        }
    }

    private async Task RunAsync(RedisValue entryId, AsyncCallMessage message, CancellationToken stoppingToken)
    {
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(entryId, message.Id, heartbeatStop.Token);
        AsyncResult result;
        AsyncAttempt last;
        var startedAt = time.GetUtcNow();
        try
        {
            var attempts = 0;
            while (true)
            {
                attempts = await queue.StartAttemptAsync(message.Id).ConfigureAwait(false);
                try
                {
                    last = await runner.RunAsync(message, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRunFailed(logger, message.Id, e);
                    last = AsyncAttempt.Failed(e.Message);
                }

                // A run cut short by this gateway stopping is no answer: the call stays pending for another gateway.
                stoppingToken.ThrowIfCancellationRequested();
                if (!last.IsRetryable || attempts >= _options.MaxAttempts)
                {
                    break;
                }

                LogRetrying(logger, message.Id, attempts, last.Error);
                await Task.Delay(_options.RetryBackoff * Math.Pow(2, attempts - 1), time, stoppingToken).ConfigureAwait(false);
            }

            var failed = last.IsRetryable;
            result = AsyncResults.From(message, last, attempts, failed, startedAt, time.GetUtcNow(), _consumer);
            await queue.CompleteAsync(message, result, JsonSerializer.Serialize(result, AsyncJsonContext.Default.AsyncResult)).ConfigureAwait(false);
            metrics.RecordCompleted(result.Status);
            LogCompleted(logger, message.Id, message.Tenant, message.Function, result.Status, result.StatusCode, result.Attempts);

            // Called back before the entry is acknowledged: a gateway that dies in between leaves the entry pending, and the one
            // that claims it makes the callback (at least once, never lost).
            if (message.CallbackUrl is { } url)
            {
                await CallBackAsync(message.Id, url, result, last.Body, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        await queue.AcknowledgeAsync(entryId).ConfigureAwait(false);
    }

    /// <summary>Makes the callback of a call that finished when its consumer died before calling back.</summary>
    private async Task CallBackIfOwedAsync(AsyncCallMessage message, CancellationToken stoppingToken)
    {
        if (message.CallbackUrl is not { } url || await queue.ResultOwingCallbackAsync(message.Id).ConfigureAwait(false) is not { } json)
        {
            return;
        }

        AsyncResult? result;
        try
        {
            result = JsonSerializer.Deserialize(json, AsyncJsonContext.Default.AsyncResult);
        }
        catch (JsonException e)
        {
            LogRunFailed(logger, message.Id, e);
            return;
        }

        if (result is not null)
        {
            await CallBackAsync(message.Id, url, result, AsyncResults.BodyOf(result), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task CallBackAsync(string id, string url, AsyncResult result, ReadOnlyMemory<byte> body, CancellationToken stoppingToken)
    {
        var delivered = await callbacks.SendAsync(url, result, body, stoppingToken).ConfigureAwait(false);
        await queue.MarkCallbackMadeAsync(id, delivered).ConfigureAwait(false);
        LogCallback(logger, id, delivered);
    }

    private async Task HeartbeatAsync(RedisValue entryId, string id, CancellationToken cancellationToken)
    {
        var interval = _options.ClaimIdleTimeout / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                await queue.HeartbeatAsync(entryId, id, _consumer).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException e)
            {
                LogRedisFailed(logger, e);
            }
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous calls: Redis failed")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous call entry {EntryId} is malformed; dropped")]
    private static partial void LogMalformed(ILogger logger, string entryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous call {CallId} already has a result; acknowledged without running it again")]
    private static partial void LogAlreadyDone(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous call {CallId} is being run by another consumer")]
    private static partial void LogHeldElsewhere(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous call {CallId} failed unexpectedly")]
    private static partial void LogRunFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous call {CallId}: attempt {Attempt} met a platform error ({Error}); retrying")]
    private static partial void LogRetrying(ILogger logger, string callId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous call {CallId} {Tenant}/{Function}: {Status} ({StatusCode}) after {Attempts} attempt(s)")]
    private static partial void LogCompleted(ILogger logger, string callId, string tenant, string function, string status, int statusCode, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous call {CallId}: callback delivered: {Delivered}")]
    private static partial void LogCallback(ILogger logger, string callId, bool delivered);
}
