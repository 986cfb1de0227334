using Faas.Vmm.Vstate;

namespace Faas.Vmm.Devices.Virtio;

/// <summary>
/// A virtio device behind a transport (<see cref="VirtioMmioTransport"/>). The transport owns the registers, the feature
/// negotiation and the queues' configuration; the device owns what the queues carry. <see cref="QueueNotify"/> comes from vCPU
/// threads; devices with host-side I/O may also process their queues from host threads, under their own lock. A device that
/// is also <see cref="Snapshots.ISnapshotable"/> is saved and restored by its transport; its restore leaves it inactive until the
/// transport activates it again.
/// </summary>
public interface IVirtioDevice
{
    /// <summary>The virtio device ID (<see cref="VirtioIds"/>).</summary>
    uint DeviceType { get; }

    /// <summary>Every feature bit the device offers, <see cref="VirtioConfig.VIRTIO_F_VERSION_1"/> included.</summary>
    ulong AvailableFeatures { get; }

    /// <summary>One entry per virtqueue: the largest size the device accepts for it (a power of two).</summary>
    IReadOnlyList<ushort> QueueMaxSizes { get; }

    /// <summary>Reads the device-specific configuration space; bytes past its end read as zeros.</summary>
    void ReadConfig(ulong offset, Span<byte> data);

    /// <summary>Writes the device-specific configuration space; what the device does not accept is ignored.</summary>
    void WriteConfig(ulong offset, ReadOnlySpan<byte> data);

    /// <summary>
    /// The driver is ready (DRIVER_OK, or a restore of a running device): from now on the device serves <paramref name="queues"/>.
    /// </summary>
    /// <param name="memory">The guest's memory.</param>
    /// <param name="queues">The configured queues, in order; the transport has checked every ready one lies in guest memory.</param>
    /// <param name="ackedFeatures">The features the driver accepted.</param>
    /// <param name="interrupt">Where the device signals used buffers and fatal errors.</param>
    /// <returns>false when the device cannot run with this configuration; the transport then sets DEVICE_NEEDS_RESET.</returns>
    bool Activate(IGuestMemory memory, IReadOnlyList<VirtQueue> queues, ulong ackedFeatures, IVirtioInterrupt interrupt);

    /// <summary>The driver made buffers available in queue <paramref name="queue"/>; called only between activation and reset.</summary>
    void QueueNotify(int queue);

    /// <summary>The driver reset the device (status 0): stop using the queues until the next activation.</summary>
    void Reset();
}
