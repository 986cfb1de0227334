using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Extended control registers (KVM_GET_XCRS / KVM_SET_XCRS): <see cref="nr_xcrs"/> of the 16 <see cref="kvm_xcr"/> slots in <see cref="xcrs"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_xcrs
{
    public uint nr_xcrs;
    public uint flags;

    /// <summary>struct kvm_xcr xcrs[KVM_MAX_XCRS], as bytes.</summary>
    public fixed byte xcrs[16 * 16];
    public fixed ulong padding[16];
}
