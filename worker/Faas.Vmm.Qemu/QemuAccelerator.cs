namespace Faas.Vmm.Qemu;

/// <summary>How QEMU runs guest code.</summary>
public enum QemuAccelerator
{
    /// <summary>Software emulation (TCG): works on any host, slower.</summary>
    Tcg,

    /// <summary>Hardware virtualization through /dev/kvm with the host's CPU model.</summary>
    Kvm,
}
