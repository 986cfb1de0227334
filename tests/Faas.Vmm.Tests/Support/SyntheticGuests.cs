using Faas.Vmm.Boot;
using Faas.Vmm.Kvm;

namespace Faas.Vmm.Tests.Support;

/// <summary>Builds machines that run a synthetic guest assembled from source.</summary>
internal static class SyntheticGuests
{
    /// <summary>Where long-mode guests are linked and entered (1 MiB, above the VMM's boot structures).</summary>
    public const ulong LongModeLoadAddress = 0x10_0000;

    /// <summary>Where real-mode guests are linked and entered.</summary>
    public const ulong RealModeLoadAddress = 0x1000;

    /// <summary>The port the guests report on.</summary>
    public const ushort ReportPort = 0x10;

    public static MachineConfig SmallMachine(bool irqchip = true, bool console = false) =>
        new(8 << 20) { Irqchip = irqchip, VirtioConsole = console };

    public static async Task<Machine> BootLongModeAsync(KvmSystem kvm, string source, MachineConfig? config = null, Action<ReadOnlySpan<byte>>? serial = null)
    {
        var code = await GuestAssembler.AssembleAsync(".code64\n" + source + "\n", LongModeLoadAddress);
        return VmBuilder.BootCode(kvm, config ?? SmallMachine(), new CodeBootSource(code, LongModeLoadAddress, CpuMode.LongMode), serial);
    }

    public static async Task<Machine> BootRealModeAsync(KvmSystem kvm, string source, MachineConfig? config = null)
    {
        var code = await GuestAssembler.AssembleAsync(".code16\n" + source + "\n", RealModeLoadAddress);
        return VmBuilder.BootCode(kvm, config ?? SmallMachine(irqchip: false), new CodeBootSource(code, RealModeLoadAddress, CpuMode.RealMode));
    }

    /// <summary>Counts in RCX forever: each value goes to guest memory at <see cref="CounterAddress"/> and to the report port.</summary>
    public const string Counter = """
        xor %ecx, %ecx
        mov $0x10, %dx
        1:
        inc %rcx
        mov %rcx, 0x5000
        mov %ecx, %eax
        out %eax, %dx
        jmp 1b
        """;

    public const ulong CounterAddress = 0x5000;

    /// <summary>A recorder on the report port of <paramref name="machine"/>.</summary>
    public static PortRecorder RecordReports(Machine machine)
    {
        var recorder = new PortRecorder();
        machine.IoBus.Insert(ReportPort, 4, recorder);
        return recorder;
    }
}
