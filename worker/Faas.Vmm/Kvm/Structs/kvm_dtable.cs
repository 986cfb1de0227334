using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>A descriptor table register (GDTR, IDTR).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_dtable
{
    public ulong @base;
    public ushort limit;
    public fixed ushort padding[3];
}
