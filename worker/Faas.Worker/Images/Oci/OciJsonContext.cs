using System.Text.Json.Serialization;

namespace Faas.Worker.Images.Oci;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciImageConfigFile))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
