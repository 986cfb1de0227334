using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Debug registers (KVM_GET_DEBUGREGS / KVM_SET_DEBUGREGS).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_debugregs
{
    public fixed ulong db[4];
    public ulong dr6;
    public ulong dr7;
    public ulong flags;
    public fixed ulong reserved[9];
}
