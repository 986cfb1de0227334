namespace Faas.Vmm.Qemu.Qmp;

/// <summary>The QEMU version from the QMP greeting.</summary>
public sealed record QemuVersion(int Major, int Minor, int Micro, string Package)
{
    public override string ToString() => $"{Major}.{Minor}.{Micro} ({Package})";
}
