namespace Faas.Vmm.Kvm;

/// <summary>Why KVM_RUN returned (kvm_run.exit_reason) and the details of some exits, from &lt;linux/kvm.h&gt;.</summary>
internal static class ExitReasons
{
    public const uint KVM_EXIT_UNKNOWN = 0;
    public const uint KVM_EXIT_EXCEPTION = 1;
    public const uint KVM_EXIT_IO = 2;
    public const uint KVM_EXIT_HYPERCALL = 3;
    public const uint KVM_EXIT_DEBUG = 4;
    public const uint KVM_EXIT_HLT = 5;
    public const uint KVM_EXIT_MMIO = 6;
    public const uint KVM_EXIT_IRQ_WINDOW_OPEN = 7;
    public const uint KVM_EXIT_SHUTDOWN = 8;
    public const uint KVM_EXIT_FAIL_ENTRY = 9;
    public const uint KVM_EXIT_INTR = 10;
    public const uint KVM_EXIT_SET_TPR = 11;
    public const uint KVM_EXIT_TPR_ACCESS = 12;
    public const uint KVM_EXIT_NMI = 16;
    public const uint KVM_EXIT_INTERNAL_ERROR = 17;
    public const uint KVM_EXIT_SYSTEM_EVENT = 24;

    public const byte KVM_EXIT_IO_IN = 0;
    public const byte KVM_EXIT_IO_OUT = 1;

    public const uint KVM_SYSTEM_EVENT_SHUTDOWN = 1;
    public const uint KVM_SYSTEM_EVENT_RESET = 2;
    public const uint KVM_SYSTEM_EVENT_CRASH = 3;

    public const uint KVM_INTERNAL_ERROR_EMULATION = 1;
    public const uint KVM_INTERNAL_ERROR_SIMUL_EX = 2;
    public const uint KVM_INTERNAL_ERROR_DELIVERY_EV = 3;
    public const uint KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON = 4;
}
