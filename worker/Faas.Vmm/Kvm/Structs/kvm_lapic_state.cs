using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The local APIC's register page (KVM_GET_LAPIC / KVM_SET_LAPIC).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_lapic_state
{
    public const int KVM_APIC_REG_SIZE = 0x400;

    public fixed byte regs[KVM_APIC_REG_SIZE];
}
