using Microsoft.Extensions.Logging;

namespace Faas.Worker.Snapshots.Eviction;

/// <summary>The worker's log lines about snapshot evictions.</summary>
internal static partial class SnapshotEvictionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Snapshot {Key} evicted: {Bytes} bytes, last used {LastUsedUtc:O}; the snapshots took more than {LimitBytes} bytes")]
    public static partial void Evicted(this ILogger logger, string key, long bytes, DateTime lastUsedUtc, long limitBytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Incomplete snapshot {Key} removed ({Bytes} bytes): its take was interrupted")]
    public static partial void RemovedIncomplete(this ILogger logger, string key, long bytes);
}
