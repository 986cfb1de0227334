using Faas.Tests.Shared;
using Faas.Vmm.Arch.X64;
using Faas.Vmm.Boot;
using Faas.Vmm.Kvm;
using Faas.Vmm.Tests.Support;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Arch.X64;

/// <summary>
/// The guest is denied the PMU MSRs (<see cref="NoPmu"/>). The guests have no IDT, so a #GP becomes a triple fault
/// (KVM_EXIT_SHUTDOWN); they report <see cref="Done"/> only when KVM lets their MSR access through.
/// </summary>
public sealed class NoPmuTests : IDisposable
{
    private const ulong Done = 0x600d;

    /// <summary>EFER.LME and EFER.LMA: set in every long-mode guest.</summary>
    private const ulong EferLongMode = (1 << 8) | (1 << 10);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reports 1, waits for a non-zero quadword at <see cref="SyntheticGuests.CounterAddress"/>, reads a K7 counter, reports
    /// <see cref="Done"/> and triple-faults on a ud2: the run ends either way, the report tells whether the read went through.
    /// </summary>
    private static readonly string ReadK7CounterWhenTold = $$"""
            lidt no_idt
            mov $0x10, %dx
            mov $1, %eax
            out %eax, %dx
        wait:
            pause
            cmpq $0, {{SyntheticGuests.CounterAddress}}
            je wait
            mov ${{Msrs.MSR_K7_PERFCTR0}}, %ecx
            rdmsr
            mov $0x10, %dx
            mov ${{Done}}, %eax
            out %eax, %dx
            ud2
        no_idt:
            .word 0
            .quad 0
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("faas-vmm-nopmu-");

    /// <summary>
    /// KVM without a vPMU reads the K7 and P6 MSRs as 0 and takes writes to them (logging non-zero ones), so without the filter
    /// those guests would report <see cref="Done"/>; with a vPMU, KVM serves the others too.
    /// </summary>
    [Theory]
    [InlineData(Msrs.MSR_K7_EVNTSEL0, false)]
    [InlineData(Msrs.MSR_K7_PERFCTR0, false)]
    [InlineData(Msrs.MSR_K7_PERFCTR0, true)]
    [InlineData(Msrs.MSR_F15H_PERF_CTL, true)]
    [InlineData(Msrs.MSR_IA32_PERFCTR0, false)]
    [InlineData(Msrs.MSR_ARCH_PERFMON_EVENTSEL0, true)]
    [InlineData(Msrs.MSR_CORE_PERF_FIXED_CTR_CTRL + 2, false)] // MSR_CORE_PERF_GLOBAL_CTRL
    public async Task A_guest_access_to_a_pmu_msr_takes_a_general_protection_fault(uint msr, bool write)
    {
        var kvm = RequireMsrFilter();
        var guest = AccessMsr(msr, write);
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, guest, SyntheticGuests.SmallMachine(irqchip: false));
        var reports = SyntheticGuests.RecordReports(machine);

        machine.Start();
        var stop = await machine.Stopped.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(VcpuStopReason.Shutdown, stop.Reason);
        var efer = Assert.Single(reports.All).Value;
        Assert.Equal(EferLongMode, efer & EferLongMode);
    }

    [Fact]
    public async Task A_guest_reads_an_msr_outside_the_pmu_and_carries_on()
    {
        var kvm = HostKvm.Require();
        var guest = AccessMsr(Msrs.MSR_IA32_TSC, write: false);
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, guest, SyntheticGuests.SmallMachine(irqchip: false));
        var reports = SyntheticGuests.RecordReports(machine);

        machine.Start();
        var stop = await machine.Stopped.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(VcpuStopReason.Halted, stop.Reason);
        Assert.Equal(2, reports.All.Count);
        Assert.Equal(EferLongMode, reports.All[0].Value & EferLongMode);
        Assert.Equal(Done, reports.All[1].Value);
    }

    [Fact]
    public async Task A_restored_guest_is_denied_the_pmu_msrs_too()
    {
        var kvm = RequireMsrFilter();
        var directory = Path.Combine(_directory.FullName, "snapshot");
        using (var machine = await SyntheticGuests.BootLongModeAsync(kvm, ReadK7CounterWhenTold))
        {
            var reports = SyntheticGuests.RecordReports(machine);
            machine.Start();
            Assert.Equal(1UL, (await reports.NextAsync(Timeout)).Value);
            await machine.PauseAsync();
            machine.SaveSnapshot(directory);
        }

        using var restored = VmBuilder.Restore(kvm, directory);
        var restoredReports = SyntheticGuests.RecordReports(restored);
        Assert.True(restored.Memory.TryWrite(SyntheticGuests.CounterAddress, BitConverter.GetBytes(1UL)));
        restored.Start();
        var stop = await restored.Stopped.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Empty(restoredReports.All);
        Assert.Equal(VcpuStopReason.Shutdown, stop.Reason);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static KvmSystem RequireMsrFilter()
    {
        var kvm = HostKvm.Require();
        if (kvm.CheckExtension(Caps.KVM_CAP_X86_MSR_FILTER) <= 0)
        {
            HardwareVirtualizationSkip.Because(
                $"this KVM has no MSR filter (KVM_CAP_X86_MSR_FILTER): {HostKvm.Virtualization.KvmDetail}");
        }

        return kvm;
    }

    /// <summary>Reports EFER, reads <paramref name="msr"/> or writes 0xffff to it (Linux's probe), reports <see cref="Done"/>, halts.</summary>
    private static string AccessMsr(uint msr, bool write) => $$"""
            lidt no_idt
            mov $0xc0000080, %ecx
            rdmsr
            mov $0x10, %dx
            out %eax, %dx
            mov ${{msr}}, %ecx
            mov $0xffff, %eax
            xor %edx, %edx
            {{(write ? "wrmsr" : "rdmsr")}}
            mov $0x10, %dx
            mov ${{Done}}, %eax
            out %eax, %dx
        done:
            hlt
            jmp done
        no_idt:
            .word 0
            .quad 0
        """;
}
