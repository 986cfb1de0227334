namespace Faas.Vmm.Host;

/// <summary>What /dev/kvm is on this host.</summary>
public enum KvmKind
{
    /// <summary>No /dev/kvm.</summary>
    Absent,

    /// <summary>/dev/kvm exists but cannot be opened (permissions, or the module refuses).</summary>
    Unusable,

    /// <summary>KVM on hardware virtualization (Intel VMX or AMD SVM).</summary>
    Hardware,

    /// <summary>KVM through the kvm_pvm module: guest user mode runs natively, guest kernel mode is emulated; a stock Linux kernel does not boot.</summary>
    Pvm,
}
