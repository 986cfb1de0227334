namespace Faas.Vmm.Devices.Virtio;

/// <summary>Virtio device types (linux/virtio_ids.h).</summary>
public static class VirtioIds
{
    public const uint VIRTIO_ID_NET = 1;
    public const uint VIRTIO_ID_BLOCK = 2;
    public const uint VIRTIO_ID_CONSOLE = 3;
}
