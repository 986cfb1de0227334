using Faas.Guest.Protocol.Messages;
using Faas.Vmm;
using Faas.Vmm.Guest;
using Faas.Worker.Images;

namespace Faas.Worker.Functions;

/// <summary>Boots a micro-VM whose root filesystem is a container image.</summary>
public static class ImageVm
{
    /// <summary>The image's disk is the VM's first block device.</summary>
    public const string RootDevice = "/dev/vda";

    /// <summary>Boots a VM with the image's erofs disk attached and switches the guest's root to it (read-only image, tmpfs for writes).</summary>
    /// <exception cref="VmException">The VM did not boot, or the image could not be mounted in it.</exception>
    public static Task<IMicroVm> BootAsync(IVmBackend backend, GuestImage guest, PreparedImage image, int memoryMiB, int vcpuCount, CancellationToken cancellationToken) =>
        BootAsync(backend, guest, image, memoryMiB, vcpuCount, snapshottable: false, cancellationToken);

    /// <inheritdoc cref="BootAsync(IVmBackend, GuestImage, PreparedImage, int, int, CancellationToken)"/>
    /// <param name="snapshottable">Boot so that the backend can snapshot the VM later.</param>
    public static async Task<IMicroVm> BootAsync(
        IVmBackend backend, GuestImage guest, PreparedImage image, int memoryMiB, int vcpuCount, bool snapshottable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(image);
        var spec = new VmBootSpec(guest.KernelPath, guest.InitrdPath, memoryMiB, vcpuCount, Disks: [new VmDisk(image.RootfsPath)], Snapshottable: snapshottable);
        var vm = await backend.BootAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            var error = await vm.Agent.MountRootAsync(new MountRootRequest(RootDevice, "erofs"), cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                throw new VmException($"the root filesystem of {image.Reference} could not be mounted in the guest: {error}");
            }

            return vm;
        }
        catch
        {
            await vm.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
