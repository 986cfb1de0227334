namespace Faas.Vmm.Vstate;

/// <summary>Why a vCPU stopped running the guest.</summary>
public enum VcpuStopReason
{
    /// <summary>The VMM asked it to stop (pause, snapshot, shutdown).</summary>
    Paused,

    /// <summary>The guest executed HLT and there is no in-kernel irqchip to wait for an interrupt.</summary>
    Halted,

    /// <summary>The guest triple-faulted or reset the machine (KVM_EXIT_SHUTDOWN).</summary>
    Shutdown,

    /// <summary>The guest asked to power off, reset or reported a crash (KVM_EXIT_SYSTEM_EVENT).</summary>
    SystemEvent,

    /// <summary>KVM could not run the guest any further (KVM_EXIT_INTERNAL_ERROR, e.g. an instruction it cannot emulate).</summary>
    InternalError,

    /// <summary>The hardware refused to enter the guest (KVM_EXIT_FAIL_ENTRY: invalid guest state).</summary>
    FailEntry,

    /// <summary>An exit this VMM does not handle.</summary>
    UnhandledExit,

    /// <summary>KVM_RUN itself failed.</summary>
    RunFailed,

    /// <summary>A device failed while handling one of the guest's accesses.</summary>
    DeviceError,
}
