namespace Faas.Vmm.Qemu.Qmp;

internal sealed record QmpVersionTriple(int Major, int Minor, int Micro);
