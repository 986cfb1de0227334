using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>What CPUID returns for one leaf (<see cref="function"/>) and subleaf (<see cref="index"/>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_cpuid_entry2
{
    public uint function;
    public uint index;
    public uint flags;
    public uint eax;
    public uint ebx;
    public uint ecx;
    public uint edx;
    public fixed uint padding[3];
}
