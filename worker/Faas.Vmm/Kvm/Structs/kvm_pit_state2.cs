using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The in-kernel PIT's state (KVM_GET_PIT2 / KVM_SET_PIT2).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_pit_state2
{
    /// <summary>struct kvm_pit_channel_state channels[3], as bytes.</summary>
    public fixed byte channels[3 * 24];
    public uint flags;
    public fixed uint reserved[9];
}
