namespace Faas.Vmm.Arch.X64;

/// <summary>Control register and EFER bits (arch/x86/include/uapi/asm/processor-flags.h, msr-index.h).</summary>
internal static class ControlRegisters
{
    public const ulong X86_CR0_PE = 1UL << 0;
    public const ulong X86_CR0_ET = 1UL << 4;
    public const ulong X86_CR0_PG = 1UL << 31;
    public const ulong X86_CR4_PAE = 1UL << 5;
    public const ulong EFER_LME = 1UL << 8;
    public const ulong EFER_LMA = 1UL << 10;

    /// <summary>RFLAGS bit 1 is reserved and always set.</summary>
    public const ulong X86_EFLAGS_FIXED = 1UL << 1;
}
