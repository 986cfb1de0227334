using System.Text.Json.Serialization;

namespace Faas.Cli.Client;

/// <summary>The body of POST/PUT /system/functions: OpenFaaS's deploy request plus faas's own fields. Null means "the gateway's default".</summary>
public sealed record FunctionDeployment
{
    public required string Service { get; init; }

    public required string Image { get; init; }

    public string? EnvProcess { get; init; }

    public IReadOnlyDictionary<string, string>? EnvVars { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public FunctionResources? Limits { get; init; }

    public FunctionResources? Requests { get; init; }

    public int? MinInstances { get; init; }

    public int? MaxInstances { get; init; }

    public int? MaxConcurrency { get; init; }

    /// <summary>A Go-style duration ("5m") or a number of seconds.</summary>
    public string? KeepAlive { get; init; }

    /// <summary>A Go-style duration ("30s") or a number of seconds.</summary>
    public string? Timeout { get; init; }

    /// <summary>"256Mi", "1Gi", or a number of MiB.</summary>
    public string? Memory { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    [JsonIgnore]
    public string Name => Service;
}
