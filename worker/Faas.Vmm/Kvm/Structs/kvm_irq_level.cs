using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Sets an irqchip input line to a level (KVM_IRQ_LINE).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_irq_level
{
    /// <summary>union { __u32 irq; __s32 status; }</summary>
    public uint irq;
    public uint level;
}
