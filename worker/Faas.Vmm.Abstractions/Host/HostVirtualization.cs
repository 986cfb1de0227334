namespace Faas.Vmm.Host;

/// <summary>What this host offers for running micro-VMs.</summary>
/// <param name="CpuModel">The CPU's model name from /proc/cpuinfo.</param>
/// <param name="VirtualizationFlags">vmx, svm and hypervisor when /proc/cpuinfo lists them.</param>
/// <param name="KvmModules">Loaded KVM modules (kvm_intel, kvm_amd, kvm_pvm).</param>
/// <param name="Kvm">What /dev/kvm is.</param>
/// <param name="KvmDetail">Why <paramref name="Kvm"/> was judged so (e.g. the error opening /dev/kvm).</param>
public sealed record HostVirtualization(
    string CpuModel,
    IReadOnlyList<string> VirtualizationFlags,
    IReadOnlyList<string> KvmModules,
    KvmKind Kvm,
    string KvmDetail)
{
    public bool HasHardwareVirtualization => VirtualizationFlags.Contains("vmx") || VirtualizationFlags.Contains("svm");

    public bool RunsUnderHypervisor => VirtualizationFlags.Contains("hypervisor");
}
