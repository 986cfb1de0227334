namespace Faas.Vmm.Qemu.Qmp;

internal sealed record QmpGreetingVersion(QmpVersionTriple Qemu, string Package);
