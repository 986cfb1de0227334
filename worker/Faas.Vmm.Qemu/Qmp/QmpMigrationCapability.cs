namespace Faas.Vmm.Qemu.Qmp;

/// <summary>One migration capability and whether it is on.</summary>
internal sealed record QmpMigrationCapability(string Capability, bool State);
