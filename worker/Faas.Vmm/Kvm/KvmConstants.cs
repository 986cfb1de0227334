namespace Faas.Vmm.Kvm;

/// <summary>The other constants of &lt;linux/kvm.h&gt; this VMM uses.</summary>
internal static class KvmConstants
{
    public const int KVM_API_VERSION = 12;

    public const uint KVM_IRQCHIP_PIC_MASTER = 0;
    public const uint KVM_IRQCHIP_PIC_SLAVE = 1;
    public const uint KVM_IRQCHIP_IOAPIC = 2;

    public const uint KVM_PIT_SPEAKER_DUMMY = 1;

    public const uint KVM_MP_STATE_RUNNABLE = 0;
    public const uint KVM_MP_STATE_UNINITIALIZED = 1;
    public const uint KVM_MP_STATE_HALTED = 3;

    public const int KVM_MAX_XCRS = 16;
    public const uint KVM_CPUID_FLAG_SIGNIFCANT_INDEX = 1;
    public const uint KVM_CLOCK_TSC_STABLE = 2;

    public const uint KVM_MSR_FILTER_DEFAULT_ALLOW = 0;
    public const uint KVM_MSR_FILTER_READ = 1;
    public const uint KVM_MSR_FILTER_WRITE = 2;
    public const int KVM_MSR_FILTER_MAX_RANGES = 16;
}
