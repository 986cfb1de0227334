using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Worker.Instances;
using Faas.Worker.Logs;

namespace Faas.Worker.Http;

/// <summary>Source-generated JSON for the control API.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeployRequest))]
[JsonSerializable(typeof(StartInstanceRequest))]
[JsonSerializable(typeof(FunctionView))]
[JsonSerializable(typeof(IReadOnlyList<FunctionView>))]
[JsonSerializable(typeof(InstanceInfo))]
[JsonSerializable(typeof(IReadOnlyList<InstanceInfo>))]
[JsonSerializable(typeof(IReadOnlyList<LogLine>))]
[JsonSerializable(typeof(StopResult))]
public sealed partial class WorkerJsonContext : JsonSerializerContext;
