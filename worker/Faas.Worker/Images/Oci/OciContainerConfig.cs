using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Worker.Images.Oci;

/// <summary>The <c>config</c> object of an image config blob (its fields are capitalized, unlike the rest of OCI).</summary>
internal sealed record OciContainerConfig(
    [property: JsonPropertyName("User")] string? User,
    [property: JsonPropertyName("ExposedPorts")] IReadOnlyDictionary<string, JsonElement>? ExposedPorts,
    [property: JsonPropertyName("Env")] IReadOnlyList<string>? Env,
    [property: JsonPropertyName("Entrypoint")] IReadOnlyList<string>? Entrypoint,
    [property: JsonPropertyName("Cmd")] IReadOnlyList<string>? Cmd,
    [property: JsonPropertyName("WorkingDir")] string? WorkingDir);
