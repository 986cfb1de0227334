namespace Faas.Vmm.Qemu.Qmp;

/// <summary>The arguments of migrate-set-capabilities.</summary>
internal sealed record QmpMigrationCapabilities(IReadOnlyList<QmpMigrationCapability> Capabilities);
