using System.Text.Json;

namespace Faas.Cli.Client;

/// <summary>An error answered by the gateway: an RFC 9457 problem, or what could be made of a body that was not one.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">A short summary ("Not Found", "Function did not become ready").</param>
/// <param name="Detail">What happened, for a human; null when the gateway said nothing more.</param>
/// <param name="Type">The problem type URI, when given.</param>
/// <param name="Function">The function concerned, when given.</param>
/// <param name="Instance">The instance concerned, when given.</param>
/// <param name="OutputTail">The function's last lines of output, when it failed to start.</param>
public sealed record GatewayProblem(
    int Status,
    string Title,
    string? Detail = null,
    string? Type = null,
    string? Function = null,
    string? Instance = null,
    string? OutputTail = null)
{
    public const string MediaType = "application/problem+json";

    private const int MaxPlainDetail = 2_000;

    /// <summary>Reads <paramref name="body"/> as a problem; a body that is not one becomes the detail of a problem titled after the status.</summary>
    public static GatewayProblem Parse(string? body, int status, string? reasonPhrase = null)
    {
        var fallbackTitle = string.IsNullOrWhiteSpace(reasonPhrase) ? $"HTTP {status}" : reasonPhrase;
        if (string.IsNullOrWhiteSpace(body))
        {
            return new GatewayProblem(status, fallbackTitle);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return FromJson(document.RootElement, status, fallbackTitle);
            }
        }
        catch (JsonException)
        {
        }

        var text = body.Trim();
        return new GatewayProblem(status, fallbackTitle, text.Length > MaxPlainDetail ? text[..MaxPlainDetail] + "…" : text);
    }

    /// <summary>Reads a problem object (as found in a deploy stream's error line).</summary>
    public static GatewayProblem FromJson(JsonElement problem, int status, string? fallbackTitle = null)
    {
        if (problem.ValueKind != JsonValueKind.Object)
        {
            return new GatewayProblem(status, fallbackTitle ?? $"HTTP {status}");
        }

        var problemStatus = problem.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : status;
        return new GatewayProblem(
            problemStatus,
            Text(problem, "title") ?? fallbackTitle ?? $"HTTP {problemStatus}",
            Text(problem, "detail"),
            Text(problem, "type"),
            Text(problem, "function"),
            Text(problem, "instance"),
            Text(problem, "outputTail"));
    }

    /// <summary>"title: detail", or the title alone.</summary>
    public override string ToString() =>
        Detail is null || string.Equals(Detail, Title, StringComparison.Ordinal) ? $"{Title} ({Status})" : $"{Title} ({Status}): {Detail}";

    private static string? Text(JsonElement problem, string name)
    {
        if (!problem.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join('\n', value.EnumerateArray().Select(line => line.ValueKind == JsonValueKind.String ? line.GetString() : line.GetRawText())),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }
}
