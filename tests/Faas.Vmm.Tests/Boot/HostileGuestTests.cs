using Faas.Vmm.Tests.Support;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Boot;

/// <summary>Guests that attack the devices: the VMM serves them without failing, and the machine keeps running.</summary>
public sealed class HostileGuestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// 20,000 pseudo-random 32-bit writes (xorshift64) to random registers of the console's virtio-mmio window, to the serial
    /// port's registers and to ports nobody serves, then a report.
    /// </summary>
    private const string RegisterGarbage = """
            movabs $0x9e3779b97f4a7c15, %rax
            mov $20000, %ecx
        next:
            mov %rax, %rdx
            shl $13, %rdx
            xor %rdx, %rax
            mov %rax, %rdx
            shr $7, %rdx
            xor %rdx, %rax
            mov %rax, %rdx
            shl $17, %rdx
            xor %rdx, %rax
            mov %eax, %edx
            and $0xffc, %edx
            mov $0xd0000000, %rbx
            add %rdx, %rbx
            mov %rax, %rsi
            shr $32, %rsi
            mov %esi, (%rbx)
            mov (%rbx), %edi
            mov %eax, %edx
            and $7, %edx
            add $0x3f8, %dx
            out %al, %dx
            in %dx, %al
            mov %esi, %edx
            and $0xfff8, %edx
            or $0x100, %dx
            out %eax, %dx
            dec %ecx
            jnz next
            mov $0x10, %dx
            mov $0x600d, %eax
            out %eax, %dx
        done:
            hlt
            jmp done
        """;

    /// <summary>
    /// A driver that brings both console queues up, then hands the device descriptors far outside guest memory, inside the
    /// MMIO gap, with huge lengths, in a loop of chained descriptors, and an available index far ahead; notifies after each.
    /// </summary>
    private const string DescriptorGarbage = """
            mov $0xd0000000, %rbx
            movl $0, 0x70(%rbx)
            movl $3, 0x70(%rbx)
            movl $1, 0x24(%rbx)
            movl $1, 0x20(%rbx)
            movl $11, 0x70(%rbx)
            movl $0, 0x30(%rbx)
            movl $8, 0x38(%rbx)
            movl $0x10000, 0x80(%rbx)
            movl $0x10800, 0x90(%rbx)
            movl $0x11000, 0xa0(%rbx)
            movl $1, 0x44(%rbx)
            movl $1, 0x30(%rbx)
            movl $8, 0x38(%rbx)
            movl $0x12000, 0x80(%rbx)
            movl $0x12800, 0x90(%rbx)
            movl $0x13000, 0xa0(%rbx)
            movl $1, 0x44(%rbx)
            movl $15, 0x70(%rbx)

            # Descriptor 0: past the end of memory; 1: in the MMIO gap; 2: 4 GiB long; 3: chained to itself.
            movabs $0x7ffffffff000, %rax
            mov %rax, 0x12000
            movl $4096, 0x12008
            mov $0xd0000000, %edx
            mov %rdx, 0x12010
            movl $64, 0x12018
            movq $0x100000, 0x12020
            movl $0xffffffff, 0x12028
            movq $0x100000, 0x12030
            movl $16, 0x12038
            movw $1, 0x1203c
            movw $3, 0x1203e
            mov %rax, 0x10000
            movl $4096, 0x10008
            movw $2, 0x1000c

            xor %ecx, %ecx
        post:
            mov %cx, %ax
            and $3, %ax
            movzwl 0x12802, %edx
            mov %edx, %edi
            and $7, %edi
            mov %ax, 0x12804(,%rdi,2)
            inc %dx
            mov %dx, 0x12802
            movl $1, 0x50(%rbx)
            movw $1, 0x10804
            movw $1, 0x10802
            movl $0, 0x50(%rbx)
            inc %ecx
            cmp $64, %ecx
            jne post

            # The available index jumps far ahead of anything posted.
            movw $0x8000, 0x12802
            movl $1, 0x50(%rbx)
            # A queue whose rings lie outside memory, made ready.
            movl $1, 0x30(%rbx)
            movl $0xfffff000, 0x80(%rbx)
            movl $0xffffffff, 0x84(%rbx)
            movl $1, 0x44(%rbx)
            movl $1, 0x50(%rbx)
            mov 0x70(%rbx), %eax
            mov $0x10, %dx
            out %eax, %dx
            mov $0x600d, %eax
            out %eax, %dx
        done:
            hlt
            jmp done
        """;

    [Fact]
    public async Task Random_writes_to_device_registers_do_not_stop_the_machine_or_the_worker()
    {
        var kvm = HostKvm.Require();
        var serialBytes = 0L;
        using var machine = await SyntheticGuests.BootLongModeAsync(
            kvm, RegisterGarbage, SyntheticGuests.SmallMachine(console: true), output => Interlocked.Add(ref serialBytes, output.Length));
        var reports = SyntheticGuests.RecordReports(machine);
        machine.Start();

        var done = await reports.WaitForAsync(w => w.Value == 0x600d, Timeout);

        Assert.Equal(0x600dUL, done.Value);
        Assert.False(machine.Stopped.IsCompleted, machine.Stopped.IsCompleted ? (await machine.Stopped).ToString() : null);
    }

    [Fact]
    public async Task Descriptors_pointing_outside_guest_memory_are_refused_without_touching_host_memory()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, DescriptorGarbage, SyntheticGuests.SmallMachine(console: true));
        var reports = SyntheticGuests.RecordReports(machine);
        var before = new byte[machine.Memory.Size - 0x20_0000];
        machine.Start();

        await reports.WaitForAsync(w => w.Value == 0x600d, Timeout);
        await machine.PauseAsync();

        // Guest memory above the guest's code and rings is as it was: no descriptor made the device write anywhere.
        var after = new byte[before.Length];
        Assert.True(machine.Memory.TryRead(0x20_0000, after));
        Assert.Equal(before, after);
        Assert.False(machine.Stopped.IsCompleted, machine.Stopped.IsCompleted ? (await machine.Stopped).ToString() : null);

        // The host side of the console still works after the device gave up on the guest's queues.
        var write = machine.Console!.HostStream.WriteAsync(new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken).AsTask();
        await write.WaitAsync(Timeout, TestContext.Current.CancellationToken);
    }
}
