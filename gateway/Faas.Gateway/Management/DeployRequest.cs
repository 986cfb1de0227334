using System.Text.Json;

namespace Faas.Gateway.Management;

/// <summary>
/// The body of <c>POST</c>/<c>PUT /system/functions</c>: OpenFaaS's deploy request plus faas's own fields. Durations, memory
/// and CPU take a string or a number, so they stay raw JSON until <see cref="DeployValidator"/> reads them.
/// </summary>
public sealed record DeployRequest
{
    public string? Service { get; init; }

    public string? Image { get; init; }

    public string? EnvProcess { get; init; }

    public Dictionary<string, string>? EnvVars { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public ResourceRequest? Limits { get; init; }

    public ResourceRequest? Requests { get; init; }

    public int? MinInstances { get; init; }

    public int? MaxInstances { get; init; }

    public int? MaxConcurrency { get; init; }

    public JsonElement? KeepAlive { get; init; }

    public JsonElement? Timeout { get; init; }

    public JsonElement? Memory { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }
}
