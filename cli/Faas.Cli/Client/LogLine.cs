using System.Text.Json;

namespace Faas.Cli.Client;

/// <summary>One line of a function's log, as GET /system/logs streams it.</summary>
public sealed record LogLine
{
    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? Instance { get; init; }

    public string? Timestamp { get; init; }

    public string Text { get; init; } = "";

    public string? Stream { get; init; }

    public int Version { get; init; }

    /// <exception cref="GatewayException">The line is not a log line object.</exception>
    public static LogLine Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<LogLine>(json, GatewayJson.Options) ?? throw new GatewayException("the gateway sent a null log line");
        }
        catch (JsonException e)
        {
            throw new GatewayException($"the gateway sent a log line that is not JSON: {(json.Length > 200 ? json[..200] + "…" : json)}", e);
        }
    }

    /// <summary>"timestamp instance text".</summary>
    public override string ToString() => $"{Timestamp ?? "-"} {(string.IsNullOrEmpty(Instance) ? "-" : Instance)} {Text}";
}
