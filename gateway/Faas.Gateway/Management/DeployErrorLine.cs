using System.Text.Json.Serialization;
using Faas.Gateway.Http;

namespace Faas.Gateway.Management;

/// <summary>The last line of a streamed deploy that failed: <c>{"type":"error","status":400,"problem":{…}}</c>.</summary>
public sealed record DeployErrorLine(int Status, GatewayProblem Problem)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "error";
}
