using System.Buffers.Binary;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>Guest memory over a byte array; counts every access a device attempted outside it.</summary>
public sealed class SimulatedGuestMemory : IGuestMemory
{
    private readonly Lock _lock = new();
    private readonly byte[] _bytes;
    private int _outOfRangeAccesses;

    public SimulatedGuestMemory(int size) => _bytes = new byte[size];

    private SimulatedGuestMemory(byte[] bytes) => _bytes = bytes;

    public ulong Size => (ulong)_bytes.Length;

    /// <summary>Accesses refused because some byte was outside memory.</summary>
    public int OutOfRangeAccesses => Volatile.Read(ref _outOfRangeAccesses);

    public bool TryRead(ulong address, Span<byte> destination)
    {
        if (!InRange(address, destination.Length))
        {
            return false;
        }

        lock (_lock)
        {
            _bytes.AsSpan((int)address, destination.Length).CopyTo(destination);
        }

        return true;
    }

    public bool TryWrite(ulong address, ReadOnlySpan<byte> source)
    {
        if (!InRange(address, source.Length))
        {
            return false;
        }

        lock (_lock)
        {
            source.CopyTo(_bytes.AsSpan((int)address, source.Length));
        }

        return true;
    }

    /// <summary>A copy of the whole memory, as a snapshot's memory file would hold it.</summary>
    public SimulatedGuestMemory Clone()
    {
        lock (_lock)
        {
            return new SimulatedGuestMemory((byte[])_bytes.Clone());
        }
    }

    public byte[] Read(ulong address, int length)
    {
        var bytes = new byte[length];
        Assert.True(TryRead(address, bytes), $"test read outside memory at 0x{address:x}");
        return bytes;
    }

    public void Write(ulong address, ReadOnlySpan<byte> bytes) => Assert.True(TryWrite(address, bytes), $"test write outside memory at 0x{address:x}");

    public ushort ReadUInt16(ulong address) => BinaryPrimitives.ReadUInt16LittleEndian(Read(address, 2));

    public uint ReadUInt32(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(Read(address, 4));

    public void WriteUInt16(ulong address, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Write(address, bytes);
    }

    public void WriteUInt32(ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(address, bytes);
    }

    public void WriteUInt64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(address, bytes);
    }

    private bool InRange(ulong address, int length)
    {
        if ((ulong)length <= Size && address <= Size - (ulong)length)
        {
            return true;
        }

        Interlocked.Increment(ref _outOfRangeAccesses);
        return false;
    }
}
