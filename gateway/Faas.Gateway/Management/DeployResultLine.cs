using System.Text.Json.Serialization;

namespace Faas.Gateway.Management;

/// <summary>The last line of a streamed deploy that succeeded: <c>{"type":"result","status":201,"function":{…}}</c>.</summary>
public sealed record DeployResultLine(int Status, FunctionView Function)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "result";
}
