using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Gateway.Management;

/// <summary>Strict JSON for deploy requests: exact camelCase names, no unknown or repeated members, no comments or trailing commas.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(DeployRequest))]
[JsonSerializable(typeof(RemoveRequest))]
internal sealed partial class DeployRequestJsonContext : JsonSerializerContext;
