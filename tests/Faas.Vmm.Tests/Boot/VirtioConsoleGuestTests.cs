using System.Text;
using Faas.Vmm.Tests.Support;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Boot;

/// <summary>
/// A synthetic guest with a minimal virtio-mmio driver for the console: it negotiates VERSION_1, sets up both queues, sends
/// "hello", waits (HLT) for the interrupt that says the host's bytes arrived in its receive buffer, and sends them back.
/// </summary>
public sealed class VirtioConsoleGuestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Memory: RX queue at 0x10000 (descriptors), 0x10800 (available), 0x11000 (used); TX queue at 0x12000, 0x12800, 0x13000;
    /// receive buffer at 0x14000, the message at 0x15000, the IDT at 0x3000, the interrupt counter at 0x6000. Interrupts come
    /// through the in-kernel PIC (IRQ 5 → vector 0x25).
    /// </summary>
    private const string Driver = """
            mov $0xd0000000, %rbx
            movl $0, 0x70(%rbx)
            movl $1, 0x70(%rbx)
            movl $3, 0x70(%rbx)
            movl $1, 0x24(%rbx)
            movl $1, 0x20(%rbx)
            movl $0, 0x24(%rbx)
            movl $0, 0x20(%rbx)
            movl $11, 0x70(%rbx)
            mov 0x70(%rbx), %eax
            mov $0x10, %dx
            out %eax, %dx

            movl $0, 0x30(%rbx)
            movl $8, 0x38(%rbx)
            movl $0x10000, 0x80(%rbx)
            movl $0, 0x84(%rbx)
            movl $0x10800, 0x90(%rbx)
            movl $0, 0x94(%rbx)
            movl $0x11000, 0xa0(%rbx)
            movl $0, 0xa4(%rbx)
            movl $1, 0x44(%rbx)

            movl $1, 0x30(%rbx)
            movl $8, 0x38(%rbx)
            movl $0x12000, 0x80(%rbx)
            movl $0, 0x84(%rbx)
            movl $0x12800, 0x90(%rbx)
            movl $0, 0x94(%rbx)
            movl $0x13000, 0xa0(%rbx)
            movl $0, 0xa4(%rbx)
            movl $1, 0x44(%rbx)
            movl $15, 0x70(%rbx)

            # IDT gate for vector 0x25: the handler, code selector 0x10, present 64-bit interrupt gate.
            mov $handler, %rax
            mov $0x3000 + 0x25 * 16, %rdi
            mov %ax, (%rdi)
            movw $0x10, 2(%rdi)
            movw $0x8e00, 4(%rdi)
            shr $16, %rax
            mov %ax, 6(%rdi)
            shr $16, %rax
            mov %eax, 8(%rdi)
            movl $0, 12(%rdi)
            lidt idtr

            # PICs: master at vectors 0x20 with only IRQ 5 unmasked, slave at 0x28 all masked.
            mov $0x11, %al
            out %al, $0x20
            mov $0x20, %al
            out %al, $0x21
            mov $0x04, %al
            out %al, $0x21
            mov $0x01, %al
            out %al, $0x21
            mov $0xdf, %al
            out %al, $0x21
            mov $0x11, %al
            out %al, $0xa0
            mov $0x28, %al
            out %al, $0xa1
            mov $0x02, %al
            out %al, $0xa1
            mov $0x01, %al
            out %al, $0xa1
            mov $0xff, %al
            out %al, $0xa1

            # A 64-byte receive buffer for the device to write.
            movq $0x14000, 0x10000
            movl $64, 0x10008
            movw $2, 0x1000c
            movw $0, 0x1000e
            movw $0, 0x10804
            movw $1, 0x10802
            movl $0, 0x50(%rbx)

            # "hello" for the host.
            movl $0x6c6c6568, 0x15000
            movb $0x6f, 0x15004
            movq $0x15000, 0x12000
            movl $5, 0x12008
            movw $0, 0x1200c
            movw $0, 0x12804
            movw $1, 0x12802
            movl $1, 0x50(%rbx)

        wait:
            cli
            movzwl 0x11002, %eax
            cmp $1, %eax
            je received
            sti
            hlt
            jmp wait

        received:
            mov 0x6000, %eax
            mov $0x10, %dx
            out %eax, %dx
            mov 0x11008, %eax
            out %eax, %dx

            # Send the received bytes back.
            movq $0x14000, 0x12010
            mov 0x11008, %eax
            mov %eax, 0x12018
            movw $0, 0x1201c
            movw $1, 0x12806
            movw $2, 0x12802
            movl $1, 0x50(%rbx)
            mov $0x600d, %eax
            out %eax, %dx
        done:
            hlt
            jmp done

        handler:
            push %rax
            push %rbx
            incl 0x6000
            mov $0xd0000000, %rbx
            mov 0x60(%rbx), %eax
            mov %eax, 0x64(%rbx)
            mov $0x20, %al
            out %al, $0x20
            pop %rbx
            pop %rax
            iretq

        idtr:
            .word 256 * 16 - 1
            .quad 0x3000
        """;

    [Fact]
    public async Task A_guest_driver_round_trips_bytes_through_the_virtqueues_and_is_woken_by_the_device_interrupt()
    {
        var kvm = HostKvm.Require();
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, Driver, SyntheticGuests.SmallMachine(console: true));
        var reports = SyntheticGuests.RecordReports(machine);
        var console = machine.Console!.HostStream;
        machine.Start();

        var status = await reports.NextAsync(Timeout);
        Assert.Equal(11UL, status.Value);
        Assert.Equal("hello", await ReadAsync(console, 5));

        await console.WriteAsync(Encoding.ASCII.GetBytes("world!"), TestContext.Current.CancellationToken);
        var interrupts = await reports.NextAsync(Timeout);
        var received = await reports.NextAsync(Timeout);
        Assert.True(interrupts.Value >= 1, $"the guest saw {interrupts.Value} interrupts");
        Assert.Equal(6UL, received.Value);
        Assert.Equal("world!", await ReadAsync(console, 6));
        Assert.Equal(0x600dUL, (await reports.NextAsync(Timeout)).Value);
        Assert.False(machine.Stopped.IsCompleted, machine.Stopped.IsCompleted ? (await machine.Stopped).ToString() : null);
    }

    private static async Task<string> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer);
    }
}
