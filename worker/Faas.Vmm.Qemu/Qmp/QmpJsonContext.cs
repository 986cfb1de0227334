using System.Text.Json.Serialization;

namespace Faas.Vmm.Qemu.Qmp;

/// <summary>Source-generated JSON for QMP messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QmpCommand))]
[JsonSerializable(typeof(QmpMessage))]
[JsonSerializable(typeof(QmpStatus))]
[JsonSerializable(typeof(QmpGetFdArguments))]
[JsonSerializable(typeof(QmpMigrateArguments))]
[JsonSerializable(typeof(QmpMigrationCapabilities))]
[JsonSerializable(typeof(QmpMigrationInfo))]
internal sealed partial class QmpJsonContext : JsonSerializerContext;
