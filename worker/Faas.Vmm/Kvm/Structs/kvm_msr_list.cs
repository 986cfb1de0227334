using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The header of KVM_GET_MSR_INDEX_LIST; <see cref="nmsrs"/> 32-bit indices follow it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_msr_list
{
    public uint nmsrs;
}
