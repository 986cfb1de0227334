using System.Text.Json.Serialization;

namespace Faas.Cli.Client;

/// <summary>OpenFaaS's limits / requests: memory ("256Mi") and CPUs ("1"), as strings the gateway interprets.</summary>
public sealed record FunctionResources(
    [property: JsonConverter(typeof(LenientStringConverter))] string? Memory = null,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Cpu = null)
{
    [JsonIgnore]
    public bool IsEmpty => Memory is null && Cpu is null;
}
