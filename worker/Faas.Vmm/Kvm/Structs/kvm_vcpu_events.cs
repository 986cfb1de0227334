using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Structs;

/// <summary>Pending exceptions, interrupts, NMIs and SMIs of a vCPU (KVM_GET_VCPU_EVENTS / KVM_SET_VCPU_EVENTS).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct kvm_vcpu_events
{
    public ExceptionEvent exception;
    public InterruptEvent interrupt;
    public NmiEvent nmi;
    public uint sipi_vector;
    public uint flags;
    public SmiEvent smi;
    public TripleFaultEvent triple_fault;
    public fixed byte reserved[26];
    public byte exception_has_payload;
    public ulong exception_payload;

    [StructLayout(LayoutKind.Sequential)]
    public struct ExceptionEvent
    {
        public byte injected, nr, has_error_code, pending;
        public uint error_code;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct InterruptEvent
    {
        public byte injected, nr, soft, shadow;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct NmiEvent
    {
        public byte injected, pending, masked, pad;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SmiEvent
    {
        public byte smm, pending, smm_inside_nmi, latched_init;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TripleFaultEvent
    {
        public byte pending;
    }
}
