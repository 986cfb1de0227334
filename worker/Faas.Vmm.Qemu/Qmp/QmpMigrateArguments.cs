namespace Faas.Vmm.Qemu.Qmp;

/// <summary>The arguments of migrate and migrate-incoming.</summary>
internal sealed record QmpMigrateArguments(string Uri);
