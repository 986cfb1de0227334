namespace Faas.Gateway.Management;

/// <summary>A function as <c>GET /system/functions</c> and <c>GET /system/function/{name}</c> show it (OpenFaaS's fields and faas's own).</summary>
public sealed record FunctionView
{
    public required string Name { get; init; }

    /// <summary>The tenant.</summary>
    public required string Namespace { get; init; }

    public required string Image { get; init; }

    public required string ImageDigest { get; init; }

    public required int Version { get; init; }

    public string? EnvProcess { get; init; }

    public required IReadOnlyDictionary<string, string> EnvVars { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    public required ResourcesView Limits { get; init; }

    public required string Memory { get; init; }

    public required int MinInstances { get; init; }

    public required int MaxInstances { get; init; }

    public required int MaxConcurrency { get; init; }

    public required string KeepAlive { get; init; }

    public required string Timeout { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    /// <summary>Instances of the current version, starting or running.</summary>
    public required int Replicas { get; init; }

    /// <summary>Instances of the current version that can take calls.</summary>
    public required int AvailableReplicas { get; init; }

    public required long InvocationCount { get; init; }

    /// <summary>When the current version became ready.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>"ready", "creating", "failed" or "disabled".</summary>
    public required string Snapshot { get; init; }

    public required IReadOnlyList<InstanceView> Instances { get; init; }
}
