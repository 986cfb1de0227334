using System.Text.Json.Serialization;

namespace Faas.LoadTest.Scenarios;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ScenarioDefinition))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
