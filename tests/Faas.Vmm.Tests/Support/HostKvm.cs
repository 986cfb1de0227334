using Faas.Tests.Shared;
using Faas.Vmm.Host;
using Faas.Vmm.Kvm;

namespace Faas.Vmm.Tests.Support;

/// <summary>/dev/kvm for the tests, and what kind it is.</summary>
internal static class HostKvm
{
    private static readonly Lazy<HostVirtualization> Host = new(() => new HostVirtualizationProbe().Detect());

    public static HostVirtualization Virtualization => Host.Value;

    public static bool IsHardware => Host.Value.Kvm == KvmKind.Hardware;

    /// <summary>/dev/kvm, or a skip on a host that has none (a container without it, a machine without virtualization).</summary>
    public static KvmSystem Require()
    {
        if (Host.Value.Kvm is KvmKind.Absent or KvmKind.Unusable)
        {
            HardwareVirtualizationSkip.Because($"no usable KVM on this host: {Host.Value.KvmDetail}");
        }

        return KvmSystem.Shared;
    }

    /// <summary>Skips on hosts whose KVM emulates guest kernel mode (kvm_pvm), where a Linux guest cannot boot.</summary>
    public static KvmSystem RequireHardware()
    {
        var kvm = Require();
        if (!IsHardware)
        {
            HardwareVirtualizationSkip.Because($"needs hardware virtualization (VMX/SVM) to boot Linux: {Host.Value.KvmDetail}");
        }

        return kvm;
    }
}
