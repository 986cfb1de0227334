using System.Text.Json.Serialization;

namespace Faas.Worker.Images.Caching;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CachedImageRecord))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
