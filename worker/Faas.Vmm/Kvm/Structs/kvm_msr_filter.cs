using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The argument of KVM_X86_SET_MSR_FILTER: which guest MSR accesses KVM refuses with a #GP.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_msr_filter
{
    /// <summary>KVM_MSR_FILTER_DEFAULT_ALLOW or KVM_MSR_FILTER_DEFAULT_DENY: the answer for MSRs outside every range.</summary>
    public uint flags;

    /// <summary>
    /// struct kvm_msr_filter_range ranges[KVM_MSR_FILTER_MAX_RANGES] as 64-bit words (24 bytes each, aligned to 8 for their
    /// bitmap pointer); ranges with nmsrs 0 are unused.
    /// </summary>
    public fixed ulong ranges[KvmConstants.KVM_MSR_FILTER_MAX_RANGES * 3];
}
