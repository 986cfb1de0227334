using System.Text.Json.Serialization;

namespace Faas.LoadTest.K6;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(TargetsFile))]
internal sealed partial class K6JsonContext : JsonSerializerContext;
