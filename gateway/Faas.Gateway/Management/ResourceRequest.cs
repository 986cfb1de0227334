using System.Text.Json;

namespace Faas.Gateway.Management;

/// <summary>OpenFaaS's <c>limits</c> / <c>requests</c>: memory ("256Mi", or a number of MiB) and CPUs ("1", "500m", or a number).</summary>
public sealed record ResourceRequest
{
    public JsonElement? Memory { get; init; }

    public JsonElement? Cpu { get; init; }
}
