namespace Faas.Vmm.Qemu.Qmp;

/// <summary>The arguments of getfd.</summary>
internal sealed record QmpGetFdArguments(string Fdname);
