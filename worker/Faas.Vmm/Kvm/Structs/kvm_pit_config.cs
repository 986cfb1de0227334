using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The argument of KVM_CREATE_PIT2.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_pit_config
{
    public uint flags;
    public fixed uint pad[15];
}
