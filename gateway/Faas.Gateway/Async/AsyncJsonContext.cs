using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Gateway.Async;

/// <summary>Source-generated JSON of asynchronous calls: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<AsyncHeader>))]
[JsonSerializable(typeof(AsyncResult))]
[JsonSerializable(typeof(AsyncStatusView))]
[JsonSerializable(typeof(AsyncAcceptedView))]
public sealed partial class AsyncJsonContext : JsonSerializerContext;
