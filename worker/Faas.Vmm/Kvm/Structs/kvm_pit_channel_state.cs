using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>One channel of the in-kernel i8254 PIT.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct kvm_pit_channel_state
{
    public uint count;
    public ushort latched_count;
    public byte count_latched;
    public byte status_latched;
    public byte status;
    public byte read_state;
    public byte write_state;
    public byte write_latch;
    public byte rw_mode;
    public byte mode;
    public byte bcd;
    public byte gate;
    public long count_load_time;
}
