using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>
/// The start of the page a vCPU shares with KVM (mmap of the vCPU fd): the exit reason and the exit's details. Only the union
/// members this VMM reads are declared, at their offsets, in a struct of the header's size; the mapping is larger
/// (KVM_GET_VCPU_MMAP_SIZE) and port I/O data lives at io.data_offset.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x930)]
internal struct kvm_run
{
    [FieldOffset(0)] public byte request_interrupt_window;
    [FieldOffset(1)] public byte immediate_exit;
    [FieldOffset(8)] public uint exit_reason;
    [FieldOffset(12)] public byte ready_for_interrupt_injection;
    [FieldOffset(13)] public byte if_flag;
    [FieldOffset(14)] public ushort flags;
    [FieldOffset(16)] public ulong cr8;
    [FieldOffset(24)] public ulong apic_base;
    [FieldOffset(32)] public FailEntryExit fail_entry;
    [FieldOffset(32)] public IoExit io;
    [FieldOffset(32)] public MmioExit mmio;
    [FieldOffset(32)] public InternalExit @internal;
    [FieldOffset(32)] public SystemEventExit system_event;

    [StructLayout(LayoutKind.Sequential)]
    public struct FailEntryExit
    {
        public ulong hardware_entry_failure_reason;
        public uint cpu;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoExit
    {
        public byte direction;
        public byte size;
        public ushort port;
        public uint count;
        public ulong data_offset;
    }

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct MmioExit
    {
        public ulong phys_addr;
        public fixed byte data[8];
        public uint len;
        public byte is_write;
    }

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct InternalExit
    {
        public uint suberror;
        public uint ndata;
        public fixed ulong data[16];
    }

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SystemEventExit
    {
        public uint type;
        public uint ndata;
        public fixed ulong data[16];
    }
}
