using Faas.Vmm.Host;

namespace Faas.Vmm.Abstractions.Tests.Host;

public sealed class BackendSelectorTests
{
    private static HostVirtualization Host(KvmKind kind) => new("cpu", [], [], kind, $"detail of {kind}");

    [Fact]
    public void Hardware_kvm_runs_qemu_with_the_kvm_accelerator()
    {
        var choice = BackendSelector.Choose(Host(KvmKind.Hardware));

        Assert.Equal(("qemu", "kvm"), (choice.Backend, choice.Accelerator));
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
