using Faas.Vmm.Host;

namespace Faas.Vmm.Abstractions.Tests.Host;

public sealed class BackendSelectorTests
{
    private static HostVirtualization Host(KvmKind kind) => new("cpu", [], [], kind, $"detail of {kind}");

    [Fact]
    public void Hardware_kvm_runs_the_built_in_vmm_by_default()
    {
        var choice = BackendSelector.Choose(Host(KvmKind.Hardware));

        Assert.Equal(("kvm", "kvm"), (choice.Backend, choice.Accelerator));
    }

    [Fact]
    public void Hardware_kvm_runs_qemu_with_the_kvm_accelerator_when_asked_for_qemu()
    {
        var choice = BackendSelector.Choose(Host(KvmKind.Hardware), "qemu");

        Assert.Equal(("qemu", "kvm"), (choice.Backend, choice.Accelerator));
    }

    [Theory]
    [InlineData(KvmKind.Pvm)]
    [InlineData(KvmKind.Absent)]
    [InlineData(KvmKind.Unusable)]
    public void Without_hardware_kvm_the_default_is_qemu_with_tcg(KvmKind kind)
    {
        var choice = BackendSelector.Choose(Host(kind));

        Assert.Equal(("qemu", "tcg"), (choice.Backend, choice.Accelerator));
    }

    [Fact]
    public void The_built_in_vmm_forced_on_kvm_pvm_is_allowed_and_says_linux_guests_cannot_boot()
    {
        var choice = BackendSelector.Choose(Host(KvmKind.Pvm), "kvm");

        Assert.Equal(("kvm", "kvm"), (choice.Backend, choice.Accelerator));
        Assert.Contains("Linux guest cannot boot here", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KvmKind.Absent)]
    [InlineData(KvmKind.Unusable)]
    public void The_built_in_vmm_without_a_usable_dev_kvm_is_refused_with_the_reason(KvmKind kind)
    {
        var error = Assert.Throws<ArgumentException>(() => BackendSelector.Choose(Host(kind), "kvm"));

        Assert.Contains($"detail of {kind}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KvmKind.Pvm)]
    [InlineData(KvmKind.Absent)]
    [InlineData(KvmKind.Unusable)]
    public void Without_hardware_kvm_qemu_falls_back_to_tcg_and_says_why(KvmKind kind)
    {
        var choice = BackendSelector.Choose(Host(kind), "qemu");

        Assert.Equal(("qemu", "tcg"), (choice.Backend, choice.Accelerator));
        Assert.Contains($"detail of {kind}", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("TCG", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_backend_is_refused_with_the_available_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => BackendSelector.Choose(Host(KvmKind.Pvm), "xen"));

        Assert.Contains("available: qemu", error.Message, StringComparison.Ordinal);
    }
}
