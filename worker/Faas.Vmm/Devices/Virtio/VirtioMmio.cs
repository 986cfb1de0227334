namespace Faas.Vmm.Devices.Virtio;

/// <summary>The virtio-mmio version 2 register layout (linux/virtio_mmio.h).</summary>
internal static class VirtioMmio
{
    public const uint VIRTIO_MMIO_MAGIC = 0x74726976; // "virt"
    public const uint VIRTIO_MMIO_VERSION_MODERN = 2;

    public const ulong VIRTIO_MMIO_MAGIC_VALUE = 0x000;
    public const ulong VIRTIO_MMIO_VERSION = 0x004;
    public const ulong VIRTIO_MMIO_DEVICE_ID = 0x008;
    public const ulong VIRTIO_MMIO_VENDOR_ID = 0x00c;
    public const ulong VIRTIO_MMIO_DEVICE_FEATURES = 0x010;
    public const ulong VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014;
    public const ulong VIRTIO_MMIO_DRIVER_FEATURES = 0x020;
    public const ulong VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024;
    public const ulong VIRTIO_MMIO_QUEUE_SEL = 0x030;
    public const ulong VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034;
    public const ulong VIRTIO_MMIO_QUEUE_NUM = 0x038;
    public const ulong VIRTIO_MMIO_QUEUE_READY = 0x044;
    public const ulong VIRTIO_MMIO_QUEUE_NOTIFY = 0x050;
    public const ulong VIRTIO_MMIO_INTERRUPT_STATUS = 0x060;
    public const ulong VIRTIO_MMIO_INTERRUPT_ACK = 0x064;
    public const ulong VIRTIO_MMIO_STATUS = 0x070;
    public const ulong VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080;
    public const ulong VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084;
    public const ulong VIRTIO_MMIO_QUEUE_AVAIL_LOW = 0x090;
    public const ulong VIRTIO_MMIO_QUEUE_AVAIL_HIGH = 0x094;
    public const ulong VIRTIO_MMIO_QUEUE_USED_LOW = 0x0a0;
    public const ulong VIRTIO_MMIO_QUEUE_USED_HIGH = 0x0a4;
    public const ulong VIRTIO_MMIO_SHM_SEL = 0x0ac;
    public const ulong VIRTIO_MMIO_SHM_LEN_LOW = 0x0b0;
    public const ulong VIRTIO_MMIO_SHM_LEN_HIGH = 0x0b4;
    public const ulong VIRTIO_MMIO_SHM_BASE_LOW = 0x0b8;
    public const ulong VIRTIO_MMIO_SHM_BASE_HIGH = 0x0bc;
    public const ulong VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc;
    public const ulong VIRTIO_MMIO_CONFIG = 0x100;

    public const int VIRTIO_MMIO_INT_VRING = 1 << 0;
    public const int VIRTIO_MMIO_INT_CONFIG = 1 << 1;
}
