using System.Buffers.Binary;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;
using Faas.Vmm.Vstate;
using static Faas.Vmm.Arch.X64.ControlRegisters;

namespace Faas.Vmm.Arch.X64;

/// <summary>The boot CPU's registers for the two ways a guest starts: 64-bit long mode (Linux, long-mode code) or real mode.</summary>
internal static class BootCpu
{
    /// <summary>x87 control word after FNINIT, and MXCSR with every SSE exception masked.</summary>
    private const ushort FpuControlWord = 0x37f;
    private const uint SseControlStatus = 0x1f80;

    /// <summary>
    /// Long mode with identity-mapped page tables, the boot GDT, an empty IDT, interrupts off; RIP = <paramref name="entry"/>,
    /// RSI = <paramref name="rsi"/> (the zero page for Linux), RSP = <see cref="Layout.BootStackPointer"/>.
    /// </summary>
    public static void ConfigureLongMode(KvmVcpuFd vcpu, GuestMemory memory, ulong entry, ulong rsi)
    {
        var gdt = Gdt.Entries();
        var table = memory.Slice(Layout.BootGdtAddress, (ulong)gdt.Length * 8);
        for (var i = 0; i < gdt.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(table[(i * 8)..], gdt[i]);
        }

        memory.Slice(Layout.BootIdtAddress, 8).Clear();
        var cr3 = PageTables.Write(memory);

        var sregs = vcpu.GetSregs();
        var code = Gdt.Segment(gdt[Gdt.CodeSelector / 8], Gdt.CodeSelector);
        var data = Gdt.Segment(gdt[Gdt.DataSelector / 8], Gdt.DataSelector);
        sregs.cs = code;
        sregs.ds = data;
        sregs.es = data;
        sregs.fs = data;
        sregs.gs = data;
        sregs.ss = data;
        sregs.tr = Gdt.Segment(gdt[Gdt.TssSelector / 8], Gdt.TssSelector);
        sregs.gdt.@base = Layout.BootGdtAddress;
        sregs.gdt.limit = (ushort)((gdt.Length * 8) - 1);
        sregs.idt.@base = Layout.BootIdtAddress;
        sregs.idt.limit = 7;
        sregs.cr3 = cr3;
        sregs.cr4 = X86_CR4_PAE;
        sregs.cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_PG;
        sregs.efer = EFER_LME | EFER_LMA;
        vcpu.SetSregs(sregs);

        vcpu.SetRegs(new kvm_regs
        {
            rflags = X86_EFLAGS_FIXED,
            rip = entry,
            rsp = Layout.BootStackPointer,
            rbp = Layout.BootStackPointer,
            rsi = rsi,
        });
        ConfigureFpu(vcpu);
    }

    /// <summary>Real mode with CS = 0 and IP = <paramref name="entry"/> (below 64 KiB), interrupts off.</summary>
    public static void ConfigureRealMode(KvmVcpuFd vcpu, ulong entry)
    {
        if (entry > 0xffff)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), $"a real-mode entry must be below 64 KiB, not 0x{entry:x}");
        }

        var sregs = vcpu.GetSregs();
        sregs.cs.@base = 0;
        sregs.cs.selector = 0;
        vcpu.SetSregs(sregs);
        vcpu.SetRegs(new kvm_regs { rflags = X86_EFLAGS_FIXED, rip = entry, rsp = 0x8000 });
        ConfigureFpu(vcpu);
    }

    private static void ConfigureFpu(KvmVcpuFd vcpu) =>
        vcpu.SetFpu(new kvm_fpu { fcw = FpuControlWord, mxcsr = SseControlStatus });
}
