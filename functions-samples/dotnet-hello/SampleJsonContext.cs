using System.Text.Json.Serialization;

namespace DotnetHello;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InitInfo))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
