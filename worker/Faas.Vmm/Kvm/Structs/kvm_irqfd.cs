using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Binds an eventfd to a GSI of the in-kernel irqchip: each write to it raises the interrupt (KVM_IRQFD).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_irqfd
{
    public uint fd;
    public uint gsi;
    public uint flags;
    public uint resamplefd;
    public fixed byte pad[16];
}
