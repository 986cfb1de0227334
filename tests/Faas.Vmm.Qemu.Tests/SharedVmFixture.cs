using Faas.Guest.Artifacts;
using Faas.Vmm.Guest;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests;

/// <summary>One VM booted with the real guest and shared by the tests that only run commands in it.</summary>
public sealed class SharedVmFixture : IAsyncLifetime
{
    private QemuMicroVm? _vm;
    private GuestImage? _image;

    public QemuMicroVm Vm => _vm ?? throw new InvalidOperationException("the shared VM is not booted");

    public GuestImage Image => _image ?? throw new InvalidOperationException("the guest image is not built");

    public async ValueTask InitializeAsync()
    {
        _image = await TestGuest.ImageAsync();
        _vm = (QemuMicroVm)await new QemuBackend().BootAsync(await TestGuest.BootSpecAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_vm is not null)
        {
            await _vm.DisposeAsync();
        }
    }
}
