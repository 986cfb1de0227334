using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>The guest's kvmclock (KVM_GET_CLOCK / KVM_SET_CLOCK).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_clock_data
{
    public ulong clock;
    public uint flags;
    public uint pad0;
    public ulong realtime;
    public ulong host_tsc;
    public fixed uint pad[4];
}
