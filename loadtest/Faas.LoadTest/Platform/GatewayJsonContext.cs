using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.LoadTest.Platform;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeployBody))]
[JsonSerializable(typeof(DeployedFunction))]
[JsonSerializable(typeof(IReadOnlyList<DeployedFunction>))]
[JsonSerializable(typeof(TenantBody))]
[JsonSerializable(typeof(CreatedTenant))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
