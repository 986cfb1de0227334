using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Segment, control and descriptor-table registers (KVM_GET_SREGS / KVM_SET_SREGS).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_sregs
{
    public kvm_segment cs, ds, es, fs, gs, ss;
    public kvm_segment tr, ldt;
    public kvm_dtable gdt, idt;
    public ulong cr0, cr2, cr3, cr4, cr8;
    public ulong efer;
    public ulong apic_base;
    public fixed ulong interrupt_bitmap[4];
}
