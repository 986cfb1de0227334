using System.Text.Json.Serialization;

namespace Faas.Vmm;

/// <summary>Source-generated JSON for <see cref="VmSnapshot.FileName"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(VmSnapshot))]
internal sealed partial class VmSnapshotJsonContext : JsonSerializerContext;
