using System.Text.Json.Serialization;

namespace Faas.Worker.Snapshots;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SnapshotRecord))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
