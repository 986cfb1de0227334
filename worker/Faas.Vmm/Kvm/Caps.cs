namespace Faas.Vmm.Kvm;

/// <summary>KVM_CHECK_EXTENSION capabilities of &lt;linux/kvm.h&gt;.</summary>
internal static class Caps
{
    public const int KVM_CAP_IRQCHIP = 0;
    public const int KVM_CAP_HLT = 1;
    public const int KVM_CAP_USER_MEMORY = 3;
    public const int KVM_CAP_SET_TSS_ADDR = 4;
    public const int KVM_CAP_EXT_CPUID = 7;
    public const int KVM_CAP_NR_VCPUS = 9;
    public const int KVM_CAP_NR_MEMSLOTS = 10;
    public const int KVM_CAP_MP_STATE = 14;
    public const int KVM_CAP_IRQFD = 32;
    public const int KVM_CAP_PIT2 = 33;
    public const int KVM_CAP_PIT_STATE2 = 35;
    public const int KVM_CAP_SET_IDENTITY_MAP_ADDR = 37;
    public const int KVM_CAP_ADJUST_CLOCK = 39;
    public const int KVM_CAP_VCPU_EVENTS = 41;
    public const int KVM_CAP_DEBUGREGS = 50;
    public const int KVM_CAP_XSAVE = 55;
    public const int KVM_CAP_XCRS = 56;
    public const int KVM_CAP_TSC_CONTROL = 60;
    public const int KVM_CAP_GET_TSC_KHZ = 61;
    public const int KVM_CAP_MAX_VCPUS = 66;
    public const int KVM_CAP_KVMCLOCK_CTRL = 76;
    public const int KVM_CAP_IMMEDIATE_EXIT = 136;
    public const int KVM_CAP_X86_MSR_FILTER = 189;
    public const int KVM_CAP_XSAVE2 = 208;
}
