namespace Faas.Cli.Hosting;

/// <summary>How <c>faas up</c> runs the whole platform in one process.</summary>
public sealed class EmbeddedPlatformOptions
{
    public const string DefaultGatewayUrl = "http://127.0.0.1:8080";

    /// <summary>Where the gateway listens; loopback unless told otherwise.</summary>
    public IReadOnlyList<string> GatewayUrls { get; init; } = [DefaultGatewayUrl];

    /// <summary>Where the worker's invoke endpoint listens (only the gateway calls it); port 0 picks a free one.</summary>
    public string WorkerUrl { get; init; } = "http://127.0.0.1:0";

    /// <summary>Grain state (functions, versions, tenants) and the first tenant's key; null: <see cref="DataDirectory.Resolve"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>auto, qemu or kvm.</summary>
    public string? Backend { get; init; }

    /// <summary>Guest RAM the worker may hand out in total; null: 80% of the host's available memory.</summary>
    public int? MemoryCapacityMiB { get; init; }

    /// <summary>The most disk space (MiB) the worker's snapshots may take; null: the default limit.</summary>
    public int? SnapshotCacheMiB { get; init; }

    /// <summary>How long a call waits for a function at its maxInstances before it gets 429.</summary>
    public TimeSpan QueueWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Orleans silo-to-silo port on loopback; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>Orleans client gateway port on loopback; 0 picks a free one.</summary>
    public int ClientGatewayPort { get; init; }

    /// <summary>Redis (HOST:PORT) for asynchronous invocations and the shared authentication cache; null runs without.</summary>
    public string? Redis { get; init; }

    /// <summary>The key the worker's endpoint requires (only the gateway has it); null: a random one for this run.</summary>
    public string? WorkerKey { get; init; }
}
