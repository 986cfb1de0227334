using System.Runtime.InteropServices;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Devices.Virtio;

/// <summary>
/// A chain taken from a virtqueue: its device-readable buffers, then its device-writable ones, each already checked to lie in
/// guest memory. Seen as two byte streams (what the device reads, what it writes) so devices need not care how the driver split
/// them. A device keeps one instance and reuses it for every request.
/// </summary>
public sealed class DescriptorChain
{
    private readonly List<DescriptorBuffer> _buffers = [];
    private IGuestMemory? _memory;
    private int _readableCount;

    /// <summary>The index of the chain's first descriptor, which identifies the request in the used ring.</summary>
    public ushort Head { get; private set; }

    public ReadOnlySpan<DescriptorBuffer> Buffers => CollectionsMarshal.AsSpan(_buffers);

    /// <summary>Total bytes of the device-readable buffers.</summary>
    public long ReadableLength { get; private set; }

    /// <summary>Total bytes of the device-writable buffers.</summary>
    public long WritableLength { get; private set; }

    /// <summary>Copies readable bytes from <paramref name="offset"/> into <paramref name="destination"/>; false if they are not all there.</summary>
    public bool TryRead(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset > ReadableLength - destination.Length)
        {
            return false;
        }

        var remaining = destination;
        foreach (var buffer in Buffers[.._readableCount])
        {
            if (remaining.IsEmpty)
            {
                break;
            }

            if (offset >= buffer.Length)
            {
                offset -= buffer.Length;
                continue;
            }

            var length = (int)Math.Min(buffer.Length - offset, remaining.Length);
            if (!_memory!.TryRead(buffer.Address + (ulong)offset, remaining[..length]))
            {
                return false;
            }

            remaining = remaining[length..];
            offset = 0;
        }

        return remaining.IsEmpty;
    }

    /// <summary>Copies <paramref name="source"/> into the writable bytes at <paramref name="offset"/>; false if they do not all fit.</summary>
    public bool TryWrite(long offset, ReadOnlySpan<byte> source)
    {
        if (offset < 0 || offset > WritableLength - source.Length)
        {
            return false;
        }

        var remaining = source;
        foreach (var buffer in Buffers[_readableCount..])
        {
            if (remaining.IsEmpty)
            {
                break;
            }

            if (offset >= buffer.Length)
            {
                offset -= buffer.Length;
                continue;
            }

            var length = (int)Math.Min(buffer.Length - offset, remaining.Length);
            if (!_memory!.TryWrite(buffer.Address + (ulong)offset, remaining[..length]))
            {
                return false;
            }

            remaining = remaining[length..];
            offset = 0;
        }

        return remaining.IsEmpty;
    }

    internal void Start(IGuestMemory memory, ushort head)
    {
        _memory = memory;
        Head = head;
        _buffers.Clear();
        _readableCount = 0;
        ReadableLength = 0;
        WritableLength = 0;
    }

    /// <summary>Appends a buffer; the queue has already refused a readable buffer after a writable one.</summary>
    internal void Add(DescriptorBuffer buffer)
    {
        _buffers.Add(buffer);
        if (buffer.IsWriteOnly)
        {
            WritableLength += buffer.Length;
        }
        else
        {
            _readableCount++;
            ReadableLength += buffer.Length;
        }
    }
}
