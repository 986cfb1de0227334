using Faas.Vmm.Tests.Support;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Vstate;

public sealed class VcpuTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_real_mode_guest_writes_a_port_and_its_hlt_ends_the_run_without_an_irqchip()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootRealModeAsync(kvm, """
            mov $0x42, %al
            out %al, $0x10
            hlt
            """);
        var reports = SyntheticGuests.RecordReports(machine);

        machine.Start();
        var stop = await machine.Stopped.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(VcpuStopReason.Halted, stop.Reason);
        var write = Assert.Single(reports.All);
        Assert.Equal((0UL, 0x42UL, 1), (write.Offset, write.Value, write.Size));
    }

    [Fact]
    public async Task A_long_mode_guest_reaches_port_and_mmio_devices_with_every_access_size()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, """
            mov $0x10, %dx
            mov $0x11223344, %eax
            out %eax, %dx
            mov $0xd0100000, %rbx
            movabs $0x5566778899aabbcc, %rax
            mov %rax, (%rbx)
            movw $0xbeef, 8(%rbx)
            mov 16(%rbx), %rax
            out %eax, %dx
            shr $32, %rax
            out %eax, %dx
            in $0x70, %al
            out %al, %dx
            mov $0xd0200000, %rbx
            mov (%rbx), %eax
            out %eax, %dx
            hlt
            """, SyntheticGuests.SmallMachine(irqchip: false));
        var reports = SyntheticGuests.RecordReports(machine);
        var mmio = new PortRecorder { ReadValue = 0x0123456789abcdef };
        machine.MmioBus.Insert(0xd010_0000, 0x100, mmio);

        machine.Start();
        var stop = await machine.Stopped.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(VcpuStopReason.Halted, stop.Reason);
        Assert.Equal(
            [(0UL, 0x5566778899aabbccUL, 8), (8UL, 0xbeefUL, 2)],
            mmio.All.Select(w => (w.Offset, w.Value, w.Size)));
        Assert.Equal(
            [(0x11223344UL, 4), (0x89abcdefUL, 4), (0x01234567UL, 4), (0xffUL, 1), (0UL, 4)],
            reports.All.Select(w => (w.Value, w.Size)));
    }

    [Fact]
    public async Task A_triple_fault_stops_the_machine_with_a_reason_instead_of_failing_the_process()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, """
            lidt empty_idt
            ud2
            empty_idt:
            .word 0
            .quad 0
            """);

        machine.Start();
        var stop = await machine.Stopped.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Contains(stop.Reason, new[] { VcpuStopReason.Shutdown, VcpuStopReason.InternalError });
    }

    [Fact]
    public async Task Pause_kicks_a_vcpu_out_of_a_guest_that_never_exits_and_resume_continues_it()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, """
            mov $0x10, %dx
            xor %eax, %eax
            report:
            inc %eax
            out %eax, %dx
            mov $200000, %ecx
            spin:
            dec %ecx
            jnz spin
            jmp report
            """);
        var reports = SyntheticGuests.RecordReports(machine);
        machine.Start();
        await reports.NextAsync(Timeout);

        var pause = machine.PauseAsync();
        await pause.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var seen = reports.All.Count;
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(seen, reports.All.Count);
        Assert.False(machine.Stopped.IsCompleted);

        machine.Start();
        var next = await reports.WaitForAsync(w => w.Value == (ulong)seen + 1, Timeout);
        Assert.Equal((ulong)seen + 1, next.Value);
    }

    [Fact]
    public async Task Pause_wakes_a_vcpu_halted_inside_the_kernel_irqchip()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, """
            mov $0x10, %dx
            out %eax, %dx
            cli
            hlt
            """);
        var reports = SyntheticGuests.RecordReports(machine);
        Assert.True(machine.HasIrqchip);
        machine.Start();
        await reports.NextAsync(Timeout);
        await Task.Delay(50, TestContext.Current.CancellationToken);

        await machine.PauseAsync().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.False(machine.Stopped.IsCompleted);
        Assert.All(machine.Vcpus, vcpu => Assert.False(vcpu.IsRunning));
    }
}
