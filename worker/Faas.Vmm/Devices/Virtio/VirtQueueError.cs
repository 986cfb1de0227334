namespace Faas.Vmm.Devices.Virtio;

/// <summary>Why a virtqueue stopped: what the driver put in it that the device cannot follow.</summary>
public enum VirtQueueError
{
    None,

    /// <summary>The available index is ahead of the device by more than the queue size.</summary>
    AvailIndexOutOfRange,

    /// <summary>A head or next index is at or beyond the size of its descriptor table.</summary>
    DescriptorIndexOutOfRange,

    /// <summary>A chain has more descriptors than the queue size (or loops).</summary>
    ChainTooLong,

    /// <summary>A buffer is not entirely inside guest memory.</summary>
    BufferOutsideMemory,

    /// <summary>A buffer has length zero.</summary>
    ZeroLengthBuffer,

    /// <summary>A device-readable buffer follows a device-writable one.</summary>
    ReadableAfterWritable,

    /// <summary>An indirect table is empty, not a whole number of descriptors, or has NEXT set.</summary>
    InvalidIndirectTable,

    /// <summary>An indirect table is not entirely inside guest memory.</summary>
    IndirectTableOutsideMemory,

    /// <summary>An indirect table refers to another indirect table.</summary>
    NestedIndirect,

    /// <summary>A ring or the descriptor table is not inside guest memory.</summary>
    RingOutsideMemory,

    /// <summary>The device was asked to return a descriptor index the queue cannot have.</summary>
    UsedHeadOutOfRange,
}
