using Microsoft.Extensions.Configuration;

namespace Faas.Cli.Hosting;

/// <summary>What a worker in a cluster announces to the scheduler (FAAS_WORKER_ID, FAAS_WORKER_URL, FAAS_MEMORY_CAPACITY).</summary>
public sealed class ClusterWorkerOptions
{
    public const string DefaultMetricsUrl = "http://127.0.0.1:9464";

    /// <summary>Stable across restarts; defaults to the host name.</summary>
    [ConfigurationKeyName("WORKER_ID")]
    public string? WorkerId { get; set; }

    /// <summary>The invoke endpoint as the gateway reaches it; defaults to the first listen address.</summary>
    [ConfigurationKeyName("WORKER_URL")]
    public string? Url { get; set; }

    /// <summary>Guest RAM in MiB for instances in total; defaults to 80% of available memory.</summary>
    [ConfigurationKeyName("MEMORY_CAPACITY")]
    public int? MemoryCapacityMiB { get; set; }

    /// <summary>The most disk space (MiB) its snapshots may take (FAAS_SNAPSHOT_CACHE); null: 25% of the cache's file system, at most 50 GiB.</summary>
    [ConfigurationKeyName("SNAPSHOT_CACHE")]
    public int? SnapshotCacheMiB { get; set; }

    /// <summary>Where this worker keeps images and snapshots (FAAS_WORKER_CACHE_DIR); null: the shared faas cache.</summary>
    [ConfigurationKeyName("WORKER_CACHE_DIR")]
    public string? CacheDirectory { get; set; }

    /// <summary>Where a worker in a cluster serves <c>/metrics</c> (FAAS_METRICS_LISTEN); port 0 picks a free one.</summary>
    [ConfigurationKeyName("METRICS_LISTEN")]
    public string? MetricsUrl { get; set; }
}
