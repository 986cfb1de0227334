using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The header of KVM_GET_MSRS / KVM_SET_MSRS; <see cref="nmsrs"/> entries of <see cref="kvm_msr_entry"/> follow it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_msrs
{
    public uint nmsrs;
    public uint pad;
}
