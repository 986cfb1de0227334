using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Faas.Vmm.Vstate;
using static Faas.Vmm.Devices.Virtio.VirtioRing;

namespace Faas.Vmm.Devices.Virtio;

/// <summary>
/// The device side of a split virtqueue in guest memory. Whatever the driver writes, the queue reads and writes only inside
/// guest memory and reports a malformed chain as <see cref="VirtQueuePopResult.Broken"/> (the queue then stays broken until
/// reset). Not thread-safe: a device uses a queue under its own lock.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Virtqueue is the virtio specification's own name.")]
public sealed class VirtQueue
{
    private readonly IGuestMemory _memory;

    /// <param name="memory">The guest memory the rings and buffers live in.</param>
    /// <param name="maxSize">The largest queue size the device accepts, a power of two.</param>
    public VirtQueue(IGuestMemory memory, ushort maxSize)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (maxSize == 0 || !BitOperations.IsPow2(maxSize))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "a queue size is a power of two");
        }

        _memory = memory;
        MaxSize = maxSize;
        Size = maxSize;
    }

    public ushort MaxSize { get; }

    /// <summary>The size the driver chose (QueueNum); checked by <see cref="IsValid"/>, not when written.</summary>
    public ushort Size { get; internal set; }

    public bool Ready { get; internal set; }

    public ulong DescriptorTableAddress { get; internal set; }

    /// <summary>The available ring.</summary>
    public ulong DriverAreaAddress { get; internal set; }

    /// <summary>The used ring.</summary>
    public ulong DeviceAreaAddress { get; internal set; }

    /// <summary>The available ring index of the next chain the device takes.</summary>
    public ushort NextAvail { get; private set; }

    /// <summary>The used ring index the device publishes next.</summary>
    public ushort NextUsed { get; private set; }

    /// <summary>Why the queue is broken, or <see cref="VirtQueueError.None"/>.</summary>
    public VirtQueueError Error { get; private set; }

    public bool IsBroken => Error != VirtQueueError.None;

    /// <summary>The size is a power of two no larger than <see cref="MaxSize"/>, and the table and rings are aligned and lie in guest memory.</summary>
    public bool IsValid =>
        Size != 0
        && Size <= MaxSize
        && BitOperations.IsPow2(Size)
        && DescriptorTableAddress % DescriptorTableAlignment == 0
        && DriverAreaAddress % AvailRingAlignment == 0
        && DeviceAreaAddress % UsedRingAlignment == 0
        && InMemory(DescriptorTableAddress, DescriptorTableBytes(Size))
        && InMemory(DriverAreaAddress, AvailRingBytes(Size))
        && InMemory(DeviceAreaAddress, UsedRingBytes(Size));

    /// <summary>Takes the next available chain into <paramref name="chain"/>.</summary>
    public VirtQueuePopResult TryPop(DescriptorChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (IsBroken)
        {
            return VirtQueuePopResult.Broken;
        }

        if (!Ready)
        {
            return VirtQueuePopResult.Empty;
        }

        if (!TryReadUInt16(DriverAreaAddress + 2, out var availIndex))
        {
            return Fail(VirtQueueError.RingOutsideMemory);
        }

        var pending = (ushort)(availIndex - NextAvail);
        if (pending == 0)
        {
            return VirtQueuePopResult.Empty;
        }

        if (pending > Size)
        {
            return Fail(VirtQueueError.AvailIndexOutOfRange);
        }

        // Ring entries are read only after the index that published them.
        Interlocked.MemoryBarrier();
        var slot = DriverAreaAddress + RingHeaderSize + (2UL * (uint)(NextAvail & (Size - 1)));
        if (!TryReadUInt16(slot, out var head))
        {
            return Fail(VirtQueueError.RingOutsideMemory);
        }

        var error = ReadChain(head, chain);
        if (error != VirtQueueError.None)
        {
            return Fail(error);
        }

        NextAvail++;
        return VirtQueuePopResult.Chain;
    }

    /// <summary>Puts back the chain just taken, e.g. when the device has no room for it yet.</summary>
    public void UndoPop() => NextAvail--;

    /// <summary>Returns the chain starting at <paramref name="head"/> to the driver, with <paramref name="writtenLength"/> bytes written into it.</summary>
    /// <returns>false when the queue is or becomes broken.</returns>
    public bool AddUsed(ushort head, uint writtenLength)
    {
        if (IsBroken)
        {
            return false;
        }

        if (head >= Size)
        {
            Fail(VirtQueueError.UsedHeadOutOfRange);
            return false;
        }

        Span<byte> element = stackalloc byte[UsedElementSize];
        BinaryPrimitives.WriteUInt32LittleEndian(element, head);
        BinaryPrimitives.WriteUInt32LittleEndian(element[4..], writtenLength);
        var slot = DeviceAreaAddress + RingHeaderSize + ((ulong)UsedElementSize * (uint)(NextUsed & (Size - 1)));
        if (!_memory.TryWrite(slot, element))
        {
            Fail(VirtQueueError.RingOutsideMemory);
            return false;
        }

        // The element is visible before the index that publishes it.
        Interlocked.MemoryBarrier();
        Span<byte> index = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(index, (ushort)(NextUsed + 1));
        if (!_memory.TryWrite(DeviceAreaAddress + 2, index))
        {
            Fail(VirtQueueError.RingOutsideMemory);
            return false;
        }

        NextUsed++;
        return true;
    }

    /// <summary>Marks the queue broken for a reason the device found, e.g. a buffer it could not access after all.</summary>
    public void Break(VirtQueueError error)
    {
        if (error != VirtQueueError.None && !IsBroken)
        {
            Error = error;
        }
    }

    /// <summary>Back to the state after power-on: not ready, no addresses, indices at zero, not broken.</summary>
    public void Reset()
    {
        Size = MaxSize;
        Ready = false;
        DescriptorTableAddress = 0;
        DriverAreaAddress = 0;
        DeviceAreaAddress = 0;
        NextAvail = 0;
        NextUsed = 0;
        Error = VirtQueueError.None;
    }

    internal VirtQueueState Capture() =>
        new(MaxSize, Size, Ready, DescriptorTableAddress, DriverAreaAddress, DeviceAreaAddress, NextAvail, NextUsed, Error);

    internal void Apply(VirtQueueState state)
    {
        Size = state.Size;
        Ready = state.Ready;
        DescriptorTableAddress = state.DescriptorTableAddress;
        DriverAreaAddress = state.DriverAreaAddress;
        DeviceAreaAddress = state.DeviceAreaAddress;
        NextAvail = state.NextAvail;
        NextUsed = state.NextUsed;
        Error = state.Error;
    }

    private VirtQueueError ReadChain(ushort head, DescriptorChain chain)
    {
        if (head >= Size)
        {
            return VirtQueueError.DescriptorIndexOutOfRange;
        }

        chain.Start(_memory, head);
        var table = DescriptorTableAddress;
        uint tableSize = Size;
        uint index = head;
        var indirect = false;
        var count = 0;
        Span<byte> descriptor = stackalloc byte[DescriptorSize];
        while (true)
        {
            if (!_memory.TryRead(table + ((ulong)index * DescriptorSize), descriptor))
            {
                return VirtQueueError.RingOutsideMemory;
            }

            var address = BinaryPrimitives.ReadUInt64LittleEndian(descriptor);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(descriptor[8..]);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[12..]);
            var next = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[14..]);

            if ((flags & VIRTQ_DESC_F_INDIRECT) != 0)
            {
                if (indirect)
                {
                    return VirtQueueError.NestedIndirect;
                }

                if ((flags & VIRTQ_DESC_F_NEXT) != 0 || length == 0 || length % DescriptorSize != 0)
                {
                    return VirtQueueError.InvalidIndirectTable;
                }

                if (!InMemory(address, length))
                {
                    return VirtQueueError.IndirectTableOutsideMemory;
                }

                indirect = true;
                table = address;
                tableSize = length / DescriptorSize;
                index = 0;
                continue;
            }

            if (++count > Size)
            {
                return VirtQueueError.ChainTooLong;
            }

            if (length == 0)
            {
                return VirtQueueError.ZeroLengthBuffer;
            }

            if (!InMemory(address, length))
            {
                return VirtQueueError.BufferOutsideMemory;
            }

            var writable = (flags & VIRTQ_DESC_F_WRITE) != 0;
            if (!writable && chain.WritableLength > 0)
            {
                return VirtQueueError.ReadableAfterWritable;
            }

            chain.Add(new DescriptorBuffer(address, length, writable));
            if ((flags & VIRTQ_DESC_F_NEXT) == 0)
            {
                return VirtQueueError.None;
            }

            index = next;
            if (index >= tableSize)
            {
                return VirtQueueError.DescriptorIndexOutOfRange;
            }
        }
    }

    private VirtQueuePopResult Fail(VirtQueueError error)
    {
        Error = error;
        return VirtQueuePopResult.Broken;
    }

    private bool InMemory(ulong address, ulong length) => length <= _memory.Size && address <= _memory.Size - length;

    private bool TryReadUInt16(ulong address, out ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        if (!_memory.TryRead(address, bytes))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return true;
    }
}
