using System.Text.Json;

namespace Faas.Gateway.Invocation;

/// <summary>
/// A problem the worker wrote itself about a call (instance gone, function failed, timed out, too large, busy), as opposed to
/// a response of the function: the worker names the function it was asked for ("{tenant}/{workerFunction}") in it.
/// </summary>
public sealed record WorkerProblem(int Status, string? Title, string? Detail, string? Instance, string? OutputTail)
{
    /// <summary>Problems larger than this are not the worker's.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>What the call's end means for the instance it was leased on.</summary>
    public WorkerAnswer Answer => Status switch
    {
        410 or 404 => WorkerAnswer.InstanceGone,
        502 or 504 => WorkerAnswer.InstanceFailed,
        _ => WorkerAnswer.Refused,
    };

    public static bool IsCandidate(int status, string? mediaType) =>
        status >= 400 && string.Equals(mediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase);

    /// <returns>The problem when <paramref name="body"/> is a problem naming <paramref name="workerFunction"/>; null otherwise.</returns>
    public static WorkerProblem? TryParse(int status, ReadOnlySpan<byte> body, string workerFunction)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                return null;
            }

            using (document)
            {
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object && String(root, "function") == workerFunction
                    ? new WorkerProblem(status, String(root, "title"), String(root, "detail"), String(root, "instance"), String(root, "outputTail"))
                    : null;
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
