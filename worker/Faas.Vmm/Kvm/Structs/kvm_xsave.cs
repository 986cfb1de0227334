using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>
/// The XSAVE area (KVM_GET_XSAVE / KVM_SET_XSAVE). Hosts whose KVM_CAP_XSAVE2 is larger than this struct append the rest
/// (KVM_GET_XSAVE2); the VMM then uses a buffer of that size.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_xsave
{
    public fixed uint region[1024];
}
