using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>One model-specific register in a <see cref="kvm_msrs"/> list.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_msr_entry
{
    public uint index;
    public uint reserved;
    public ulong data;
}
