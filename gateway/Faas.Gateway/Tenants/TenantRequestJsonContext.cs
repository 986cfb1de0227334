using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Gateway.Tenants;

/// <summary>Strict JSON for tenant requests: exact names, no unknown or repeated members.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(CreateTenantRequest))]
internal sealed partial class TenantRequestJsonContext : JsonSerializerContext;
