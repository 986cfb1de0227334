using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The header of KVM_GET_SUPPORTED_CPUID / KVM_SET_CPUID2; <see cref="nent"/> entries of <see cref="kvm_cpuid_entry2"/> follow it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_cpuid2
{
    public uint nent;
    public uint padding;
}
