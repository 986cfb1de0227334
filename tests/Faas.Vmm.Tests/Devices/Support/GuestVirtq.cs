namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>
/// The driver's side of a split virtqueue, laid out as Linux's virtio_ring does it: a descriptor table, an available ring
/// and a used ring in guest memory, descriptors taken from a free list and given back when the device returns their chain.
/// </summary>
public sealed class GuestVirtq
{
    public const ushort Next = 1;
    public const ushort Write = 2;
    public const ushort Indirect = 4;

    private readonly SimulatedGuestMemory _memory;
    private readonly Stack<ushort> _free = new();
    private readonly Dictionary<ushort, ushort[]> _chains = [];
    private ushort _availIndex;
    private ushort _lastUsed;

    public GuestVirtq(SimulatedGuestMemory memory, GuestAllocator allocator, ushort size)
    {
        _memory = memory;
        Size = size;
        DescriptorTable = allocator.Allocate(16UL * size, 16);
        AvailRing = allocator.Allocate(6 + (2UL * size), 2);
        UsedRing = allocator.Allocate(6 + (8UL * size), 4);
        memory.Write(DescriptorTable, new byte[16 * size]);
        memory.Write(AvailRing, new byte[6 + (2 * size)]);
        memory.Write(UsedRing, new byte[6 + (8 * size)]);
        for (var i = size; i > 0; i--)
        {
            _free.Push((ushort)(i - 1));
        }
    }

    public ushort Size { get; }

    public ulong DescriptorTable { get; }

    public ulong AvailRing { get; }

    public ulong UsedRing { get; }

    public int FreeDescriptors => _free.Count;

    /// <summary>Chains made available and not yet returned.</summary>
    public int InFlight => _chains.Count;

    /// <summary>The used index the device published.</summary>
    public ushort UsedIndex => _memory.ReadUInt16(UsedRing + 2);

    /// <summary>Puts a chain of <paramref name="buffers"/> in the descriptor table and makes it available.</summary>
    public ushort Add(params GuestBuffer[] buffers)
    {
        Assert.True(_free.Count >= buffers.Length, "the test driver ran out of descriptors");
        var indices = new ushort[buffers.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = _free.Pop();
        }

        for (var i = 0; i < buffers.Length; i++)
        {
            var last = i == buffers.Length - 1;
            var flags = (ushort)((buffers[i].IsWriteOnly ? Write : 0) | (last ? 0 : Next));
            WriteDescriptor(DescriptorTable, indices[i], buffers[i].Address, buffers[i].Length, flags, last ? (ushort)0 : indices[i + 1]);
        }

        _chains[indices[0]] = indices;
        Publish(indices[0]);
        return indices[0];
    }

    /// <summary>Puts <paramref name="buffers"/> in an indirect table at <paramref name="table"/> and makes one descriptor pointing to it available.</summary>
    public ushort AddIndirect(ulong table, params GuestBuffer[] buffers)
    {
        for (var i = 0; i < buffers.Length; i++)
        {
            var last = i == buffers.Length - 1;
            var flags = (ushort)((buffers[i].IsWriteOnly ? Write : 0) | (last ? 0 : Next));
            WriteDescriptor(table, (ushort)i, buffers[i].Address, buffers[i].Length, flags, last ? (ushort)0 : (ushort)(i + 1));
        }

        var head = _free.Pop();
        WriteDescriptor(DescriptorTable, head, table, (uint)(16 * buffers.Length), Indirect, 0);
        _chains[head] = [head];
        Publish(head);
        return head;
    }

    public void WriteDescriptor(ulong table, ushort index, ulong address, uint length, ushort flags, ushort next)
    {
        var entry = table + (16UL * index);
        _memory.WriteUInt64(entry, address);
        _memory.WriteUInt32(entry + 8, length);
        _memory.WriteUInt16(entry + 12, flags);
        _memory.WriteUInt16(entry + 14, next);
    }

    /// <summary>Makes the chain at <paramref name="head"/> available: ring entry first, then the index.</summary>
    public void Publish(ushort head)
    {
        _memory.WriteUInt16(AvailRing + 4 + (2UL * (ushort)(_availIndex % Size)), head);
        Interlocked.MemoryBarrier();
        _availIndex++;
        _memory.WriteUInt16(AvailRing + 2, _availIndex);
    }

    public void SetAvailIndex(ushort value) => _memory.WriteUInt16(AvailRing + 2, value);

    /// <summary>Takes the next element the device returned, giving its descriptors back to the free list.</summary>
    public bool TryTakeUsed(out UsedElement element)
    {
        if (UsedIndex == _lastUsed)
        {
            element = default;
            return false;
        }

        Interlocked.MemoryBarrier();
        var slot = UsedRing + 4 + (8UL * (ushort)(_lastUsed % Size));
        element = new UsedElement((ushort)_memory.ReadUInt32(slot), _memory.ReadUInt32(slot + 4));
        _lastUsed++;
        Assert.True(_chains.Remove(element.Head, out var indices), $"the device returned descriptor {element.Head}, which is not the head of a chain in flight");
        foreach (var index in indices)
        {
            _free.Push(index);
        }

        return true;
    }

    public List<UsedElement> TakeAllUsed()
    {
        var all = new List<UsedElement>();
        while (TryTakeUsed(out var element))
        {
            all.Add(element);
        }

        return all;
    }
}
