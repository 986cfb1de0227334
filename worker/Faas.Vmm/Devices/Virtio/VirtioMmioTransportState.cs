namespace Faas.Vmm.Devices.Virtio;

/// <summary>What a <see cref="VirtioMmioTransport"/> saves in a snapshot, before its device's own state.</summary>
internal sealed record VirtioMmioTransportState(
    uint DeviceType,
    uint DeviceFeaturesSelect,
    uint DriverFeaturesSelect,
    uint QueueSelect,
    ulong DriverFeatures,
    uint Status,
    uint InterruptStatus,
    bool Activated,
    VirtQueueState[] Queues)
{
    private const uint Tag = 0x4f494d56; // "VMIO"
    private const byte Version = 1;
    private const string Component = "virtio-mmio transport";
    private const uint KnownStatusBits =
        VirtioConfig.VIRTIO_CONFIG_S_ACKNOWLEDGE | VirtioConfig.VIRTIO_CONFIG_S_DRIVER | VirtioConfig.VIRTIO_CONFIG_S_DRIVER_OK
        | VirtioConfig.VIRTIO_CONFIG_S_FEATURES_OK | VirtioConfig.VIRTIO_CONFIG_S_NEEDS_RESET | VirtioConfig.VIRTIO_CONFIG_S_FAILED;

    public void Write(BinaryWriter writer)
    {
        DeviceState.WriteHeader(writer, Tag, Version);
        writer.Write(DeviceType);
        writer.Write(DeviceFeaturesSelect);
        writer.Write(DriverFeaturesSelect);
        writer.Write(QueueSelect);
        writer.Write(DriverFeatures);
        writer.Write(Status);
        writer.Write(InterruptStatus);
        writer.Write(Activated);
        writer.Write(Queues.Length);
        foreach (var queue in Queues)
        {
            queue.Write(writer);
        }
    }

    /// <summary>Reads the state and checks it could have been saved from a transport of <paramref name="device"/>.</summary>
    public static VirtioMmioTransportState Read(BinaryReader reader, IVirtioDevice device) =>
        DeviceState.Read(reader, Component, r =>
        {
            DeviceState.ReadHeader(r, Tag, Version, Component);
            var deviceType = r.ReadUInt32();
            DeviceState.Require(deviceType == device.DeviceType, $"the state is of a virtio device of type {deviceType}, not {device.DeviceType}");
            var deviceFeaturesSelect = r.ReadUInt32();
            var driverFeaturesSelect = r.ReadUInt32();
            var queueSelect = r.ReadUInt32();
            var driverFeatures = r.ReadUInt64();
            var status = r.ReadUInt32();
            var interruptStatus = r.ReadUInt32();
            var activated = DeviceState.ReadFlag(r, "activated");
            var queueCount = r.ReadInt32();
            var maxSizes = device.QueueMaxSizes;
            DeviceState.Require(queueCount == maxSizes.Count, $"the state has {queueCount} queues, the device {maxSizes.Count}");
            var queues = new VirtQueueState[queueCount];
            for (var i = 0; i < queues.Length; i++)
            {
                queues[i] = VirtQueueState.Read(r, maxSizes[i]);
            }

            DeviceState.Require((driverFeatures & ~device.AvailableFeatures) == 0, $"the driver features 0x{driverFeatures:x} include some the device does not offer");
            DeviceState.Require((status & ~KnownStatusBits) == 0, $"device status 0x{status:x} has unknown bits");
            DeviceState.Require(
                (interruptStatus & ~(uint)(VirtioMmio.VIRTIO_MMIO_INT_VRING | VirtioMmio.VIRTIO_MMIO_INT_CONFIG)) == 0,
                $"interrupt status 0x{interruptStatus:x} has unknown bits");
            const uint running = VirtioConfig.VIRTIO_CONFIG_S_DRIVER_OK | VirtioConfig.VIRTIO_CONFIG_S_FEATURES_OK;
            DeviceState.Require(!activated || (status & running) == running, "an activated device must have FEATURES_OK and DRIVER_OK set");
            return new VirtioMmioTransportState(
                deviceType, deviceFeaturesSelect, driverFeaturesSelect, queueSelect, driverFeatures, status, interruptStatus, activated, queues);
        });
}
