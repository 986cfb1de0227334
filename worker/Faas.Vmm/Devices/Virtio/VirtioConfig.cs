namespace Faas.Vmm.Devices.Virtio;

/// <summary>Device status bits and transport feature bits (linux/virtio_config.h, linux/virtio_ring.h).</summary>
public static class VirtioConfig
{
    public const uint VIRTIO_CONFIG_S_ACKNOWLEDGE = 0x01;
    public const uint VIRTIO_CONFIG_S_DRIVER = 0x02;
    public const uint VIRTIO_CONFIG_S_DRIVER_OK = 0x04;
    public const uint VIRTIO_CONFIG_S_FEATURES_OK = 0x08;
    public const uint VIRTIO_CONFIG_S_NEEDS_RESET = 0x40;
    public const uint VIRTIO_CONFIG_S_FAILED = 0x80;

    public const int VIRTIO_RING_F_INDIRECT_DESC = 28;
    public const int VIRTIO_RING_F_EVENT_IDX = 29;
    public const int VIRTIO_F_VERSION_1 = 32;

    /// <summary>The feature word with bit <paramref name="bit"/> set.</summary>
    public static ulong Feature(int bit) => 1UL << bit;
}
