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

    /// <summary>Lines kept per function.</summary>
    public int LogLinesPerFunction { get; init; } = 10_000;
}
