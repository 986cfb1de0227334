namespace Faas.Scheduler.Functions;

/// <summary>What a tenant deployed: the image, how to run it, how big its VMs are and how it scales. Validated by the gateway.</summary>
[GenerateSerializer, Immutable]
public sealed record FunctionSpec
{
    /// <summary>The image reference, e.g. 127.0.0.1:5000/samples/python-http:latest.</summary>
    [Id(0)] public required string Image { get; init; }

    /// <summary>Replaces the image's command (OpenFaaS's envProcess, split into words); null keeps the image's.</summary>
    [Id(1)] public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Added to, or overriding, the image's environment.</summary>
    [Id(2)] public IReadOnlyDictionary<string, string> EnvVars { get; init; } = new Dictionary<string, string>();

    [Id(3)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    [Id(4)] public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Guest RAM of each instance.</summary>
    [Id(5)] public int MemoryMiB { get; init; } = 256;

    [Id(6)] public int VcpuCount { get; init; } = 1;

    /// <summary>Instances kept running even with no calls.</summary>
    [Id(7)] public int MinInstances { get; init; }

    /// <summary>The most instances at once; calls beyond them wait in a bounded queue, then get 429.</summary>
    [Id(8)] public int MaxInstances { get; init; } = 10;

    /// <summary>Calls one instance serves at the same time.</summary>
    [Id(9)] public int MaxConcurrency { get; init; } = 1;

    /// <summary>An instance idle this long is stopped (scale to zero when <see cref="MinInstances"/> is 0).</summary>
    [Id(10)] public TimeSpan KeepAlive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one call may take.</summary>
    [Id(11)] public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The port the function serves on; null: $PORT from its environment, else 8080.</summary>
    [Id(12)] public int? Port { get; init; }

    /// <summary>The user the function runs as; null keeps the image's.</summary>
    [Id(13)] public string? User { get; init; }

    /// <summary>The largest request body in bytes; null for the platform's default.</summary>
    [Id(14)] public long? MaxRequestBytes { get; init; }
}
