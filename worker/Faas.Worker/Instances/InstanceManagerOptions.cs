namespace Faas.Worker.Instances;

/// <summary>How the instance manager stores snapshots, queues calls and keeps logs.</summary>
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

    /// <summary>Lines kept per function.</summary>
    public int LogLinesPerFunction { get; init; } = 10_000;
}
