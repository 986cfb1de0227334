namespace Faas.Vmm.Arch.X64;

/// <summary>What the guest's CPUID hides beyond what every guest gets (see <see cref="Cpuid.Normalize"/>).</summary>
public enum CpuidPolicy
{
    /// <summary>What KVM supports, with the topology and hypervisor bits set: for hardware virtualization.</summary>
    Host,

    /// <summary>
    /// Also hides the instruction-set extensions KVM's instruction emulator cannot run (XSAVE and AVX, POPCNT, …), for hosts
    /// where guest kernel mode is emulated (kvm_pvm); a kernel then takes its plain code paths.
    /// </summary>
    EmulatedKernelMode,
}
