namespace Faas.Gateway.Async;

/// <summary>
/// Where asynchronous calls live in Redis. One stream for the whole platform (the tenant is a field of each entry): one
/// consumer group reads one key with one XREADGROUP/XAUTOCLAIM loop per gateway, with no discovery of per-tenant streams.
/// </summary>
public static class AsyncKeys
{
    /// <summary>The stream of calls waiting to run.</summary>
    public const string Stream = "faas:async:calls";

    /// <summary>Calls that failed every attempt, with their last error.</summary>
    public const string DeadLetters = "faas:async:dead";

    /// <summary>The consumer group every gateway reads <see cref="Stream"/> in.</summary>
    public const string Group = "faas-gateways";

    /// <summary>A hash: tenant, function, status (queued, running, done, failed), attempts, enqueuedAt and, once finished, result.</summary>
    public static string Call(string id) => $"faas:async:call:{id}";

    /// <summary>Held (SET NX, with a TTL its consumer keeps refreshing) by the one consumer running the call.</summary>
    public static string Run(string id) => $"faas:async:run:{id}";
}
