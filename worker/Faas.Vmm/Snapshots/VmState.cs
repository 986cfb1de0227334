using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Snapshots;

/// <summary>The VM-wide state KVM keeps: the two PICs, the IOAPIC, the PIT and the kvmclock.</summary>
internal sealed class VmState
{
    private VmState(bool hasIrqchip, bool hasPit, kvm_irqchip picMaster, kvm_irqchip picSlave, kvm_irqchip ioapic, kvm_pit_state2 pit, kvm_clock_data clock)
    {
        HasIrqchip = hasIrqchip;
        HasPit = hasPit;
        PicMaster = picMaster;
        PicSlave = picSlave;
        Ioapic = ioapic;
        Pit = pit;
        Clock = clock;
    }

    public bool HasIrqchip { get; }

    public bool HasPit { get; }

    public kvm_irqchip PicMaster { get; }

    public kvm_irqchip PicSlave { get; }

    public kvm_irqchip Ioapic { get; }

    public kvm_pit_state2 Pit { get; }

    public kvm_clock_data Clock { get; }

    /// <summary>Reads the state of a paused VM.</summary>
    public static VmState Capture(Vm vm)
    {
        var fd = vm.Fd;
        return new VmState(
            vm.HasIrqchip,
            vm.HasPit,
            vm.HasIrqchip ? fd.GetIrqchip(KvmConstants.KVM_IRQCHIP_PIC_MASTER) : default,
            vm.HasIrqchip ? fd.GetIrqchip(KvmConstants.KVM_IRQCHIP_PIC_SLAVE) : default,
            vm.HasIrqchip ? fd.GetIrqchip(KvmConstants.KVM_IRQCHIP_IOAPIC) : default,
            vm.HasPit ? fd.GetPit2() : default,
            fd.GetClock());
    }

    /// <summary>Puts the state into <paramref name="vm"/>, which must have the same irqchip and PIT.</summary>
    public void Apply(Vm vm)
    {
        if (vm.HasIrqchip != HasIrqchip || vm.HasPit != HasPit)
        {
            throw new SnapshotFormatException(
                $"the snapshot's VM had irqchip={HasIrqchip} pit={HasPit}; the VM restored into has irqchip={vm.HasIrqchip} pit={vm.HasPit}");
        }

        var fd = vm.Fd;
        if (HasPit)
        {
            fd.SetPit2(Pit);
        }

        // KVM_SET_CLOCK takes no flags but KVM_CLOCK_REALTIME; the guest's clock continues from the saved value.
        var clock = Clock;
        clock.flags = 0;
        fd.SetClock(clock);
        if (HasIrqchip)
        {
            fd.SetIrqchip(PicMaster);
            fd.SetIrqchip(PicSlave);
            fd.SetIrqchip(Ioapic);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(HasIrqchip);
        writer.Write(HasPit);
        StructState.Write(writer, PicMaster);
        StructState.Write(writer, PicSlave);
        StructState.Write(writer, Ioapic);
        StructState.Write(writer, Pit);
        StructState.Write(writer, Clock);
    }

    public static VmState Read(BinaryReader reader) => new(
        reader.ReadBoolean(),
        reader.ReadBoolean(),
        StructState.Read<kvm_irqchip>(reader, "master PIC"),
        StructState.Read<kvm_irqchip>(reader, "slave PIC"),
        StructState.Read<kvm_irqchip>(reader, "IOAPIC"),
        StructState.Read<kvm_pit_state2>(reader, "PIT"),
        StructState.Read<kvm_clock_data>(reader, "clock"));
}
