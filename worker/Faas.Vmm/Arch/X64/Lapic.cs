using System.Buffers.Binary;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Arch.X64;

/// <summary>The local APIC's LINT0/LINT1 as a PC wires them: LINT0 takes the PIC's interrupts (ExtINT), LINT1 is NMI.</summary>
internal static unsafe class Lapic
{
    public const int APIC_LVT0 = 0x350;
    public const int APIC_LVT1 = 0x360;
    public const uint APIC_MODE_NMI = 0x4;
    public const uint APIC_MODE_EXTINT = 0x7;

    private const uint DeliveryModeMask = 0x700;

    public static void ConfigureLint(KvmVcpuFd vcpu)
    {
        var state = vcpu.GetLapic();
        var registers = new Span<byte>(state.regs, kvm_lapic_state.KVM_APIC_REG_SIZE);
        SetDeliveryMode(registers, APIC_LVT0, APIC_MODE_EXTINT);
        SetDeliveryMode(registers, APIC_LVT1, APIC_MODE_NMI);
        vcpu.SetLapic(state);
    }

    private static void SetDeliveryMode(Span<byte> registers, int offset, uint mode)
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(registers[offset..]);
        value = (value & ~DeliveryModeMask) | (mode << 8);
        BinaryPrimitives.WriteUInt32LittleEndian(registers[offset..], value);
    }
}
