namespace Faas.Vmm.Devices.VirtioBlock;

/// <summary>Virtio block feature bits, request types and statuses (linux/virtio_blk.h).</summary>
internal static class VirtioBlk
{
    public const int VIRTIO_BLK_F_SEG_MAX = 2;
    public const int VIRTIO_BLK_F_RO = 5;
    public const int VIRTIO_BLK_F_FLUSH = 9;

    public const uint VIRTIO_BLK_T_IN = 0;
    public const uint VIRTIO_BLK_T_OUT = 1;
    public const uint VIRTIO_BLK_T_FLUSH = 4;
    public const uint VIRTIO_BLK_T_GET_ID = 8;

    public const byte VIRTIO_BLK_S_OK = 0;
    public const byte VIRTIO_BLK_S_IOERR = 1;
    public const byte VIRTIO_BLK_S_UNSUPP = 2;

    public const int VIRTIO_BLK_ID_BYTES = 20;

    /// <summary>struct virtio_blk_outhdr: le32 type, le32 reserved, le64 sector.</summary>
    public const int RequestHeaderSize = 16;

    /// <summary>Offsets in struct virtio_blk_config.</summary>
    public const int ConfigCapacityOffset = 0;
    public const int ConfigSegMaxOffset = 12;

    /// <summary>capacity, size_max, seg_max, geometry, blk_size.</summary>
    public const int ConfigSize = 24;
}
