using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>One extended control register (XCR0…) in <see cref="kvm_xcrs"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_xcr
{
    public uint xcr;
    public uint reserved;
    public ulong value;
}
