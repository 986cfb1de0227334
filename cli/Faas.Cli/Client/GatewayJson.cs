using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Cli.Client;

/// <summary>JSON as the gateway speaks it: camelCase, nulls left out, numbers tolerated as strings.</summary>
public static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <summary>Re-indents a JSON document for printing, keeping every field the gateway sent.</summary>
    public static string Pretty(JsonElement element) => JsonSerializer.Serialize(element, Indented);
}
