using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>A slot of guest physical memory backed by host memory (KVM_SET_USER_MEMORY_REGION).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_userspace_memory_region
{
    public uint slot;
    public uint flags;
    public ulong guest_phys_addr;
    public ulong memory_size;
    public ulong userspace_addr;
}
