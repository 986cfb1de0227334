using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>
/// One range of a <see cref="kvm_msr_filter"/>: <see cref="nmsrs"/> MSRs from <see cref="@base"/>, one bitmap bit each (1 allows,
/// 0 denies).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_msr_filter_range
{
    /// <summary>KVM_MSR_FILTER_READ and/or KVM_MSR_FILTER_WRITE: the accesses the bitmap decides.</summary>
    public uint flags;
    public uint nmsrs;
    public uint @base;

    /// <summary>__u8 *bitmap: KVM copies it during the ioctl.</summary>
    public nint bitmap;
}
