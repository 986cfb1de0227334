using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Arch.X64;

/// <summary>
/// Guests get no performance monitoring unit (functions need no perf counters). AMD has no CPUID bit for that, so the counter
/// MSRs are denied: Linux's probe then takes a #GP and uses software events, instead of a write KVM without a vPMU logs.
/// </summary>
internal static class NoPmu
{
    /// <summary>Intel's architectural performance monitoring (version 0, no counters, when zero).</summary>
    private const uint LeafPerformanceMonitoring = 0xa;

    private const uint LeafExtendedProcessorInfo = 0x8000_0001;

    /// <summary>AMD's extended performance monitoring: PerfMonV2 and the counter counts.</summary>
    private const uint LeafAmdPerformanceMonitoring = 0x8000_0022;

    /// <summary>Leaf 0x8000_0001 ECX: PerfCtrExtCore (23), PerfCtrExtNB (24), PerfCtrExtLLC (28).</summary>
    private const uint EcxPerfCtrExtensions = (1u << 23) | (1u << 24) | (1u << 28);

    /// <summary>The PMU's MSRs, first index and count; none has more than 64, so one 64-bit bitmap of zeros denies any of them.</summary>
    public static readonly (uint First, uint Count)[] MsrRanges =
    [
        (Msrs.MSR_IA32_PERFCTR0, 8),
        (Msrs.MSR_ARCH_PERFMON_EVENTSEL0, 8),
        (Msrs.MSR_CORE_PERF_FIXED_CTR0, 3),
        (Msrs.MSR_CORE_PERF_FIXED_CTR_CTRL, 4), // fixed-counter control, global status, global control, global overflow control
        (Msrs.MSR_K7_EVNTSEL0, 8), // four event selects, then four counters
        (Msrs.MSR_F15H_PERF_CTL, 12), // six control/counter pairs
        (Msrs.MSR_AMD64_PERF_CNTR_GLOBAL_STATUS, 4), // PerfMonV2: global status, control, status clear, status set
    ];

    /// <summary>Clears what <paramref name="entry"/> says about performance counters.</summary>
    public static void HideFromCpuid(ref kvm_cpuid_entry2 entry)
    {
        switch (entry.function)
        {
            case LeafPerformanceMonitoring:
            case LeafAmdPerformanceMonitoring:
                entry.eax = entry.ebx = entry.ecx = entry.edx = 0;
                break;
            case LeafExtendedProcessorInfo:
                entry.ecx &= ~EcxPerfCtrExtensions;
                break;
        }
    }

    /// <summary>Makes KVM refuse the guest's reads and writes of <see cref="MsrRanges"/> with a #GP, when it can filter MSRs.</summary>
    /// <returns>True when the filter is in force, false when this KVM has no MSR filter.</returns>
    /// <exception cref="KvmException">KVM refused the filter.</exception>
    public static unsafe bool DenyMsrs(KvmVmFd vm)
    {
        if (vm.CheckExtension(Caps.KVM_CAP_X86_MSR_FILTER) <= 0)
        {
            return false;
        }

        ulong denied = 0;
        var filter = new kvm_msr_filter { flags = KvmConstants.KVM_MSR_FILTER_DEFAULT_ALLOW };
        var ranges = (kvm_msr_filter_range*)filter.ranges;
        for (var i = 0; i < MsrRanges.Length; i++)
        {
            ranges[i] = new kvm_msr_filter_range
            {
                flags = KvmConstants.KVM_MSR_FILTER_READ | KvmConstants.KVM_MSR_FILTER_WRITE,
                nmsrs = MsrRanges[i].Count,
                @base = MsrRanges[i].First,
                bitmap = (nint)(&denied),
            };
        }

        vm.SetMsrFilter(filter);
        return true;
    }
}
