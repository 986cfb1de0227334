using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Arch.X64;

/// <summary>Model-specific registers (arch/x86/include/asm/msr-index.h) and their values at boot.</summary>
internal static class Msrs
{
    public const uint MSR_IA32_TSC = 0x10;
    public const uint MSR_IA32_SYSENTER_CS = 0x174;
    public const uint MSR_IA32_SYSENTER_ESP = 0x175;
    public const uint MSR_IA32_SYSENTER_EIP = 0x176;
    public const uint MSR_IA32_MISC_ENABLE = 0x1a0;
    public const uint MSR_MTRRdefType = 0x2ff;
    public const uint MSR_IA32_TSC_DEADLINE = 0x6e0;
    public const uint MSR_STAR = 0xc000_0081;
    public const uint MSR_LSTAR = 0xc000_0082;
    public const uint MSR_CSTAR = 0xc000_0083;
    public const uint MSR_SYSCALL_MASK = 0xc000_0084;
    public const uint MSR_KERNEL_GS_BASE = 0xc000_0102;

    // The performance monitoring unit's counters and their controls (see NoPmu).
    public const uint MSR_IA32_PERFCTR0 = 0xc1;
    public const uint MSR_ARCH_PERFMON_EVENTSEL0 = 0x186;
    public const uint MSR_CORE_PERF_FIXED_CTR0 = 0x309;
    public const uint MSR_CORE_PERF_FIXED_CTR_CTRL = 0x38d;
    public const uint MSR_AMD64_PERF_CNTR_GLOBAL_STATUS = 0xc000_0300;
    public const uint MSR_K7_EVNTSEL0 = 0xc001_0000;
    public const uint MSR_K7_PERFCTR0 = 0xc001_0004;
    public const uint MSR_F15H_PERF_CTL = 0xc001_0200;

    private const ulong MSR_IA32_MISC_ENABLE_FAST_STRING = 1;

    /// <summary>MTRRs enabled, default memory type write-back.</summary>
    private const ulong MtrrEnabledWriteBack = (1 << 11) | 6;

    /// <summary>Zeroed system-call MSRs, the TSC from 0, fast strings, write-back MTRR default.</summary>
    public static kvm_msr_entry[] BootEntries() =>
    [
        new() { index = MSR_IA32_SYSENTER_CS },
        new() { index = MSR_IA32_SYSENTER_ESP },
        new() { index = MSR_IA32_SYSENTER_EIP },
        new() { index = MSR_STAR },
        new() { index = MSR_CSTAR },
        new() { index = MSR_KERNEL_GS_BASE },
        new() { index = MSR_SYSCALL_MASK },
        new() { index = MSR_LSTAR },
        new() { index = MSR_IA32_TSC },
        new() { index = MSR_IA32_MISC_ENABLE, data = MSR_IA32_MISC_ENABLE_FAST_STRING },
        new() { index = MSR_MTRRdefType, data = MtrrEnabledWriteBack },
    ];

    /// <exception cref="KvmException">KVM refused one of them.</exception>
    public static void SetBootValues(KvmVcpuFd vcpu)
    {
        var entries = BootEntries();
        var written = vcpu.SetMsrs(entries);
        if (written != entries.Length)
        {
            throw new KvmException($"KVM_SET_MSRS refused MSR 0x{entries[written].index:x} at boot");
        }
    }
}
