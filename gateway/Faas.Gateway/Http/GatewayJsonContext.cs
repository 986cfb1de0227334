using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Gateway.Hosting;
using Faas.Gateway.Logs;
using Faas.Gateway.Management;
using Faas.Gateway.Tenants;

namespace Faas.Gateway.Http;

/// <summary>Source-generated JSON for everything the gateway writes: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayProblem))]
[JsonSerializable(typeof(FunctionView))]
[JsonSerializable(typeof(IReadOnlyList<FunctionView>))]
[JsonSerializable(typeof(DeployProgressLine))]
[JsonSerializable(typeof(DeployResultLine))]
[JsonSerializable(typeof(DeployErrorLine))]
[JsonSerializable(typeof(LogLineView))]
[JsonSerializable(typeof(TenantView))]
[JsonSerializable(typeof(IReadOnlyList<TenantView>))]
[JsonSerializable(typeof(CreatedTenantView))]
[JsonSerializable(typeof(IReadOnlyList<KeyView>))]
[JsonSerializable(typeof(IssuedKeyView))]
[JsonSerializable(typeof(HealthView))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
