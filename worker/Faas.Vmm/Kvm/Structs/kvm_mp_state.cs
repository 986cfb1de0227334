using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Whether a vCPU runs, waits for a SIPI or is halted (KVM_GET_MP_STATE / KVM_SET_MP_STATE).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_mp_state
{
    public uint mp_state;
}
