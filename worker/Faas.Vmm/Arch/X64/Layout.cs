namespace Faas.Vmm.Arch.X64;

/// <summary>Where the VMM puts things in guest physical memory, and the address ranges of the machine.</summary>
public static class Layout
{
    /// <summary>The boot GDT (long-mode code and data segments, a TSS).</summary>
    public const ulong BootGdtAddress = 0x500;

    /// <summary>An empty IDT: the guest starts with interrupts disabled and installs its own.</summary>
    public const ulong BootIdtAddress = 0x520;

    /// <summary>struct boot_params, the "zero page" of the Linux boot protocol; RSI points at it on entry.</summary>
    public const ulong ZeroPageAddress = 0x7000;

    /// <summary>The stack a Linux kernel starts on (it switches to its own at once).</summary>
    public const ulong BootStackPointer = 0x8ff0;

    /// <summary>Identity-mapped page tables: PML4, one PDPT, four page directories of 2 MiB pages (the first 4 GiB).</summary>
    public const ulong Pml4Address = 0x9000;

    public const ulong PdptAddress = 0xa000;

    public const ulong PageDirectoriesAddress = 0xb000;

    /// <summary>The kernel command line, NUL-terminated.</summary>
    public const ulong CommandLineAddress = 0x20000;

    /// <summary>Start of the extended BIOS data area: RAM below it is usable, the MP table lives in it.</summary>
    public const ulong EbdaStart = 0x9fc00;

    /// <summary>The first byte above the legacy hole (640 KiB–1 MiB).</summary>
    public const ulong HighMemoryStart = 0x10_0000;

    /// <summary>Guest RAM ends below here; virtio-mmio devices, the IOAPIC and the LAPIC live above.</summary>
    public const ulong MmioGapStart = 0xd000_0000;

    /// <summary>One 4 KiB window per virtio-mmio device, from <see cref="MmioGapStart"/> up.</summary>
    public const ulong VirtioMmioStride = 0x1000;

    public const ulong IoapicAddress = 0xfec0_0000;

    public const ulong LapicAddress = 0xfee0_0000;

    /// <summary>The first serial port (COM1): 8 ports at 0x3f8, IRQ 4.</summary>
    public const ushort SerialPort = 0x3f8;

    public const uint SerialIrq = 4;

    /// <summary>virtio-mmio devices get IRQs from here up to <see cref="LastDeviceIrq"/> (the IOAPIC's 24 pins).</summary>
    public const uint FirstDeviceIrq = 5;

    public const uint LastDeviceIrq = 23;

    /// <summary>The largest guest RAM: everything below the MMIO gap.</summary>
    public const ulong MaxMemory = MmioGapStart;
}
