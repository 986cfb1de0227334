namespace Faas.Vmm.Devices.Virtio;

/// <summary>Split virtqueue layout (virtio 1.x, "Split Virtqueues"; linux/virtio_ring.h).</summary>
internal static class VirtioRing
{
    public const ushort VIRTQ_DESC_F_NEXT = 1;
    public const ushort VIRTQ_DESC_F_WRITE = 2;
    public const ushort VIRTQ_DESC_F_INDIRECT = 4;

    /// <summary>struct virtq_desc: le64 addr, le32 len, le16 flags, le16 next.</summary>
    public const int DescriptorSize = 16;

    /// <summary>struct virtq_used_elem: le32 id, le32 len.</summary>
    public const int UsedElementSize = 8;

    /// <summary>flags and idx, both le16, before the ring of either area.</summary>
    public const int RingHeaderSize = 4;

    public const int DescriptorTableAlignment = 16;
    public const int AvailRingAlignment = 2;
    public const int UsedRingAlignment = 4;

    public static ulong DescriptorTableBytes(ushort size) => (ulong)size * DescriptorSize;

    /// <summary>flags, idx, ring[size], used_event.</summary>
    public static ulong AvailRingBytes(ushort size) => RingHeaderSize + (2UL * size) + 2;

    /// <summary>flags, idx, ring[size], avail_event.</summary>
    public static ulong UsedRingBytes(ushort size) => RingHeaderSize + ((ulong)UsedElementSize * size) + 2;
}
