using Faas.Vmm.Host;

namespace Faas.Vmm.Abstractions.Tests.Host;

public sealed class HostVirtualizationProbeTests
{
    [Fact]
    public void Pvm_host_is_recognised_even_though_dev_kvm_opens()
    {
        using var tree = new FakeHostTree("hypervisor", ["kvm_pvm"], kvmDevice: true);

        var host = new HostVirtualizationProbe(tree.Root).Detect();

        Assert.Equal(KvmKind.Pvm, host.Kvm);
        Assert.Equal("Test CPU 9000", host.CpuModel);
        Assert.False(host.HasHardwareVirtualization);
        Assert.True(host.RunsUnderHypervisor);
        Assert.Contains("kvm_pvm", host.KvmDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vmx", "kvm_intel")]
    [InlineData("svm", "kvm_amd")]
    public void Vmx_or_svm_with_its_module_is_hardware_kvm(string flag, string module)
    {
        using var tree = new FakeHostTree(flag, [module], kvmDevice: true);

        var host = new HostVirtualizationProbe(tree.Root).Detect();

        Assert.Equal(KvmKind.Hardware, host.Kvm);
        Assert.True(host.HasHardwareVirtualization);
        Assert.Contains(module, host.KvmDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("svm", false)]
    [InlineData("svm hypervisor", true)]
    public void Hardware_kvm_inside_another_hypervisor_is_called_nested(string flags, bool nested)
    {
        using var tree = new FakeHostTree(flags, ["kvm_amd"], kvmDevice: true);

        var host = new HostVirtualizationProbe(tree.Root).Detect();

        Assert.Equal(KvmKind.Hardware, host.Kvm);
        Assert.Equal(nested, host.KvmDetail.Contains("nested", StringComparison.Ordinal));
        Assert.Equal(nested, host.KvmDetail.Contains("not bare-metal timings", StringComparison.Ordinal));
    }

    [Fact]
    public void No_dev_kvm_is_absent()
    {
        using var tree = new FakeHostTree("vmx", [], kvmDevice: false);

        Assert.Equal(KvmKind.Absent, new HostVirtualizationProbe(tree.Root).Detect().Kvm);
    }

    [Fact]
    public void Dev_kvm_without_vmx_svm_or_pvm_is_not_trusted()
    {
        using var tree = new FakeHostTree("hypervisor", [], kvmDevice: true);

        Assert.Equal(KvmKind.Unusable, new HostVirtualizationProbe(tree.Root).Detect().Kvm);
    }

    [Fact]
    public void This_machine_is_classified_consistently_with_its_cpu_flags()
    {
        var host = new HostVirtualizationProbe().Detect();
        var cpuinfo = File.ReadAllText("/proc/cpuinfo");

        Assert.Equal(cpuinfo.Contains(" vmx", StringComparison.Ordinal) || cpuinfo.Contains(" svm", StringComparison.Ordinal), host.HasHardwareVirtualization);
        if (Directory.Exists("/sys/module/kvm_pvm") && File.Exists("/dev/kvm"))
        {
            Assert.Equal(KvmKind.Pvm, host.Kvm);
        }
    }
}
