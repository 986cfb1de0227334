using System.Text.Json.Serialization;

namespace Faas.Cli.Client;

/// <summary>A deployed function as GET /system/functions and GET /system/function/{name} describe it.</summary>
public sealed record FunctionStatus
{
    public string Name { get; init; } = "";

    public string? Namespace { get; init; }

    public string? Image { get; init; }

    public string? ImageDigest { get; init; }

    public int Version { get; init; }

    public string? EnvProcess { get; init; }

    public IReadOnlyDictionary<string, string>? EnvVars { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public FunctionResources? Limits { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Memory { get; init; }

    public int? MinInstances { get; init; }

    public int? MaxInstances { get; init; }

    public int? MaxConcurrency { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? KeepAlive { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Timeout { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    public int Replicas { get; init; }

    public int AvailableReplicas { get; init; }

    public long InvocationCount { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? Snapshot { get; init; }

    public IReadOnlyList<FunctionInstance> Instances { get; init; } = [];
}
