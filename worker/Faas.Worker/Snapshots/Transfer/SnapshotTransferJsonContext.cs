using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Worker.Snapshots.Transfer;

/// <summary>Source-generated JSON for snapshot manifests (<c>{"key": …, "digest": …, "files": [{"path": …, "size": …}]}</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SnapshotManifest))]
public sealed partial class SnapshotTransferJsonContext : JsonSerializerContext;
