using System.Text.Json;

namespace Faas.Cli.Client;

/// <summary>Parses the lines of a deploy's NDJSON answer.</summary>
public static class DeployStreamParser
{
    /// <returns>The event, or null for a blank line or a type this client does not know (newer gateways may add some).</returns>
    /// <exception cref="GatewayException">The line is not a JSON object.</exception>
    public static DeployStreamEvent? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new GatewayException($"the gateway sent a deploy progress line that is not JSON: {Shorten(line)}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GatewayException($"the gateway sent a deploy progress line that is not a JSON object: {Shorten(line)}");
            }

            var status = Int(root, "status", 0);
            return String(root, "type") switch
            {
                "progress" => new DeployProgressEvent(
                    String(root, "phase") ?? "working",
                    String(root, "detail"),
                    Long(root, "done"),
                    Long(root, "total"),
                    Int(root, "version", 0)),
                "result" => Result(root, status),
                "error" => new DeployErrorEvent(root.TryGetProperty("problem", out var problem)
                    ? GatewayProblem.FromJson(problem, status)
                    : new GatewayProblem(status, "Deploy failed", String(root, "detail"))),
                _ => null,
            };
        }
    }

    private static DeployResultEvent Result(JsonElement root, int status)
    {
        if (!root.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            throw new GatewayException("the gateway's deploy result has no function");
        }

        try
        {
            return new DeployResultEvent(status == 0 ? 200 : status, function.Deserialize<FunctionStatus>(GatewayJson.Options)!);
        }
        catch (JsonException e)
        {
            throw new GatewayException($"the gateway's deploy result does not describe a function: {e.Message}", e);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;

    private static int Int(JsonElement root, string name, int fallback) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : fallback;

    private static string Shorten(string line) => line.Length > 200 ? line[..200] + "…" : line;
}
