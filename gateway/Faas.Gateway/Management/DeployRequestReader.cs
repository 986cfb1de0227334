using System.Text.Json;
using Faas.Gateway.Http;

namespace Faas.Gateway.Management;

/// <summary>
/// Reads a deploy request strictly: malformed JSON is reported with its line and position; unknown, unsupported and repeated
/// members by name; a value of the wrong type by field and what it must be.
/// </summary>
public static class DeployRequestReader
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <returns>The request, or every reason it was refused.</returns>
    public static (DeployRequest? Request, IReadOnlyList<string> Errors) Read(ReadOnlySpan<byte> json)
    {
        var errors = CheckMembers(json);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        try
        {
            var request = JsonSerializer.Deserialize(json, DeployRequestJsonContext.Default.DeployRequest);
            return request is null ? (null, ["the body must be a JSON object"]) : (request, []);
        }
        catch (JsonException e)
        {
            var (field, expected) = DeployFields.Describe(e.Path);
            var where = e.LineNumber is { } line && e.BytePositionInLine is { } position ? $" ({JsonPositions.Describe(line, position)})" : "";
            return (null, [$"field '{field}' must be {expected}{where}"]);
        }
    }

    /// <summary>Walks the members of the body and of its limits/requests: syntax, unknown, unsupported and repeated names.</summary>
    private static List<string> CheckMembers(ReadOnlySpan<byte> json)
    {
        var errors = new List<string>();
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return ["the body is empty: send a JSON object with at least \"service\" and \"image\""];
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            reader.Read();

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ["the body must be a JSON object"];
            }

            CheckObject(ref reader, json, "", DeployFields.Top, errors);
            while (reader.Read())
            {
                // Anything after the object is malformed: Read throws before getting here.
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line && e.BytePositionInLine is { } position ? JsonPositions.Describe(line, position) : "unknown position";
            return [$"malformed JSON at {where}: {JsonPositions.Reason(e.Message)}"];
        }

        return errors;
    }

    private static void CheckObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string prefix, IReadOnlyDictionary<string, string> known, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var field = prefix + name;
            var at = JsonPositions.Describe(json, reader.TokenStartIndex);
            if (!seen.Add(name))
            {
                errors.Add($"field '{field}' appears more than once ({at})");
            }
            else if (prefix.Length == 0 && DeployFields.Unsupported.Contains(name))
            {
                errors.Add($"field '{field}' is not supported by faas ({at})");
            }
            else if (!known.ContainsKey(name))
            {
                errors.Add($"unknown field '{field}' ({at})");
            }

            reader.Read();
            if (prefix.Length == 0 && DeployFields.HasResourceMembers(name) && reader.TokenType == JsonTokenType.StartObject)
            {
                CheckObject(ref reader, json, name + ".", DeployFields.Resource, errors);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
