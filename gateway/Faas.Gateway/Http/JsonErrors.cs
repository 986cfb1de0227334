using System.Text.Json;

namespace Faas.Gateway.Http;

/// <summary>What was wrong with a small JSON request body, in words that name the field and the place.</summary>
public static class JsonErrors
{
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$').TrimStart('.') : null;
        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position ? $" ({JsonPositions.Describe(line, position)})" : "";
        if (field is not null && exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"unknown field '{field}'{where}";
        }

        if (field is not null && exception.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"field '{field}' has the wrong type{where}";
        }

        return $"malformed JSON{where}: {JsonPositions.Reason(exception.Message)}";
    }
}
