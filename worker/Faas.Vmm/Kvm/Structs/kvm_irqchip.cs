using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>One in-kernel interrupt controller's state (<see cref="chip_id"/>: master PIC, slave PIC or IOAPIC), KVM_GET_IRQCHIP / KVM_SET_IRQCHIP.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_irqchip
{
    public uint chip_id;
    public uint pad;

    /// <summary>union { char dummy[512]; struct kvm_pic_state pic; struct kvm_ioapic_state ioapic; }</summary>
    public fixed byte chip[512];
}
