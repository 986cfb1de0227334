namespace Faas.Worker.Instances;

/// <summary>How the instance manager stores and fetches snapshots, queues calls and keeps logs.</summary>
public sealed class InstanceManagerOptions
{
    /// <summary>The faas cache root; snapshots go in its <c>snapshots/</c> folder. Null: $FAAS_CACHE_DIR, else $XDG_CACHE_HOME/faas, else ~/.cache/faas.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>
    /// What, besides the backend's name, makes this worker's snapshots incompatible with another's (e.g. "qemu/tcg" vs "qemu/kvm");
    /// part of every snapshot key. Null: the backend's name.
    /// </summary>
    public string? BackendKey { get; init; }

    /// <summary>How long a call waits for a busy function to free an instance before it gets 429.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The platform's shared worker key, sent in <c>X-Faas-Worker-Key</c> when fetching snapshots from peer workers; null sends none.</summary>
    public string? WorkerKey { get; init; }

    /// <summary>How long fetching one snapshot from a peer may take in all before the worker takes the snapshot itself.</summary>
    public TimeSpan SnapshotFetchTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most disk space (allocated blocks, not apparent sizes: memory files are sparse) this worker's complete snapshots may take.
    /// Above it, snapshots no deployed function uses are deleted, least recently used (taken, fetched, deployed or restored) first;
    /// a deploy that needs one again takes or fetches it again. Null: 25 % of the size of the file system that holds the cache, at
    /// most 50 GiB. Must be positive.
    /// </summary>
    public long? SnapshotCacheMaxBytes { get; init; }

    /// <summary>Lines kept per function.</summary>
    public int LogLinesPerFunction { get; init; } = 10_000;
}
