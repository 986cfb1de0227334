using System.Runtime.InteropServices;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Snapshots;

/// <summary>
/// Everything KVM holds for one vCPU: CPUID, registers, system registers, FPU and XSAVE area, XCRs, debug registers, the local
/// APIC, MSRs, pending events and the multiprocessing state. Restored in the order KVM needs (CPUID first, LAPIC before the
/// MSRs that depend on it, events last).
/// </summary>
internal sealed class VcpuState
{
    private const int MaxCpuidEntries = 256;
    private const int MaxMsrs = 1024;
    private const int MaxXsaveBytes = 1 << 20;

    public required kvm_cpuid_entry2[] Cpuid { get; init; }

    public required kvm_mp_state MpState { get; init; }

    public required kvm_regs Regs { get; init; }

    public required kvm_sregs Sregs { get; init; }

    public required kvm_fpu Fpu { get; init; }

    /// <summary>The XSAVE area; empty when the host has no XSAVE.</summary>
    public required byte[] Xsave { get; init; }

    public required bool HasXcrs { get; init; }

    public required kvm_xcrs Xcrs { get; init; }

    public required kvm_debugregs DebugRegs { get; init; }

    public required bool HasLapic { get; init; }

    public required kvm_lapic_state Lapic { get; init; }

    public required kvm_msr_entry[] Msrs { get; init; }

    public required kvm_vcpu_events Events { get; init; }

    /// <summary>Reads the state of a vCPU that is not running.</summary>
    public static VcpuState Capture(Vcpu vcpu, Vm vm)
    {
        var fd = vcpu.Fd;
        var kvm = vm.Fd.Kvm;
        var xsaveSize = kvm.CheckExtension(Caps.KVM_CAP_XSAVE2);
        var hasXsave = kvm.CheckExtension(Caps.KVM_CAP_XSAVE) > 0;
        var hasXcrs = kvm.CheckExtension(Caps.KVM_CAP_XCRS) > 0;
        return new VcpuState
        {
            Cpuid = vcpu.Cpuid.ToArray(),
            MpState = fd.GetMpState(),
            Regs = fd.GetRegs(),
            Sregs = fd.GetSregs(),
            Fpu = fd.GetFpu(),
            Xsave = hasXsave ? fd.GetXsave(xsaveSize) : [],
            HasXcrs = hasXcrs,
            Xcrs = hasXcrs ? fd.GetXcrs() : default,
            DebugRegs = fd.GetDebugRegs(),
            HasLapic = vm.HasIrqchip,
            Lapic = vm.HasIrqchip ? fd.GetLapic() : default,
            Msrs = SavedMsrs.Read(vcpu, kvm),
            Events = fd.GetVcpuEvents(),
        };
    }

    /// <summary>Puts the state into a vCPU that has never run.</summary>
    public void Apply(Vcpu vcpu, Vm vm)
    {
        if (HasLapic != vm.HasIrqchip)
        {
            throw new SnapshotFormatException($"the snapshot's vCPU {vcpu.Index} had a local APIC={HasLapic}; the VM restored into has irqchip={vm.HasIrqchip}");
        }

        var fd = vcpu.Fd;
        if (!SameCpuid(vcpu.Cpuid, Cpuid))
        {
            vcpu.SetCpuid(Cpuid);
        }

        fd.SetMpState(MpState);
        fd.SetRegs(Regs);
        fd.SetSregs(Sregs);
        if (Xsave.Length > 0)
        {
            fd.SetXsave(Xsave);
        }
        else
        {
            fd.SetFpu(Fpu);
        }

        if (HasXcrs)
        {
            fd.SetXcrs(Xcrs);
        }

        fd.SetDebugRegs(DebugRegs);
        if (HasLapic)
        {
            fd.SetLapic(Lapic);
        }

        var written = fd.SetMsrs(Msrs);
        if (written != Msrs.Length)
        {
            throw new KvmException($"KVM_SET_MSRS refused MSR 0x{Msrs[written].index:x} of the snapshot");
        }

        fd.SetVcpuEvents(Events);
        fd.NotifyClockPaused();
    }

    private static bool SameCpuid(IReadOnlyList<kvm_cpuid_entry2> current, kvm_cpuid_entry2[] saved) =>
        current is kvm_cpuid_entry2[] array && MemoryMarshal.AsBytes(array.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(saved.AsSpan()));

    public void Write(BinaryWriter writer)
    {
        writer.Write(Cpuid.Length);
        foreach (var entry in Cpuid)
        {
            StructState.Write(writer, entry);
        }

        StructState.Write(writer, MpState);
        StructState.Write(writer, Regs);
        StructState.Write(writer, Sregs);
        StructState.Write(writer, Fpu);
        StructState.WriteBytes(writer, Xsave);
        writer.Write(HasXcrs);
        StructState.Write(writer, Xcrs);
        StructState.Write(writer, DebugRegs);
        writer.Write(HasLapic);
        StructState.Write(writer, Lapic);
        writer.Write(Msrs.Length);
        foreach (var msr in Msrs)
        {
            writer.Write(msr.index);
            writer.Write(msr.data);
        }

        StructState.Write(writer, Events);
    }

    public static VcpuState Read(BinaryReader reader)
    {
        var cpuidCount = reader.ReadInt32();
        if (cpuidCount is < 0 or > MaxCpuidEntries)
        {
            throw new SnapshotFormatException($"the saved CPUID claims {cpuidCount} entries");
        }

        var cpuid = new kvm_cpuid_entry2[cpuidCount];
        for (var i = 0; i < cpuid.Length; i++)
        {
            cpuid[i] = StructState.Read<kvm_cpuid_entry2>(reader, "CPUID entry");
        }

        var mpState = StructState.Read<kvm_mp_state>(reader, "multiprocessing state");
        var regs = StructState.Read<kvm_regs>(reader, "registers");
        var sregs = StructState.Read<kvm_sregs>(reader, "system registers");
        var fpu = StructState.Read<kvm_fpu>(reader, "FPU");
        var xsave = StructState.ReadBytes(reader, MaxXsaveBytes, "XSAVE area");
        var hasXcrs = reader.ReadBoolean();
        var xcrs = StructState.Read<kvm_xcrs>(reader, "XCRs");
        var debugRegs = StructState.Read<kvm_debugregs>(reader, "debug registers");
        var hasLapic = reader.ReadBoolean();
        var lapic = StructState.Read<kvm_lapic_state>(reader, "local APIC");
        var msrCount = reader.ReadInt32();
        if (msrCount is < 0 or > MaxMsrs)
        {
            throw new SnapshotFormatException($"the saved MSR list claims {msrCount} entries");
        }

        var msrs = new kvm_msr_entry[msrCount];
        for (var i = 0; i < msrs.Length; i++)
        {
            msrs[i] = new kvm_msr_entry { index = reader.ReadUInt32(), data = reader.ReadUInt64() };
        }

        return new VcpuState
        {
            Cpuid = cpuid,
            MpState = mpState,
            Regs = regs,
            Sregs = sregs,
            Fpu = fpu,
            Xsave = xsave,
            HasXcrs = hasXcrs,
            Xcrs = xcrs,
            DebugRegs = debugRegs,
            HasLapic = hasLapic,
            Lapic = lapic,
            Msrs = msrs,
            Events = StructState.Read<kvm_vcpu_events>(reader, "vCPU events"),
        };
    }
}
