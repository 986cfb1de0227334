namespace Faas.Vmm.Devices;

/// <summary>A bounded first-in first-out byte buffer; writes take only what fits.</summary>
internal sealed class ByteRing
{
    private readonly byte[] _buffer;
    private int _start;

    public ByteRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = new byte[capacity];
    }

    public int Capacity => _buffer.Length;

    public int Count { get; private set; }

    public int Free => _buffer.Length - Count;

    public bool IsEmpty => Count == 0;

    public bool IsFull => Count == _buffer.Length;

    /// <summary>Appends as much of <paramref name="source"/> as fits and returns how many bytes that was.</summary>
    public int Write(ReadOnlySpan<byte> source)
    {
        var total = 0;
        while (total < source.Length && Free > 0)
        {
            var segment = WritableSegment();
            var n = Math.Min(segment.Length, source.Length - total);
            source.Slice(total, n).CopyTo(segment);
            Commit(n);
            total += n;
        }

        return total;
    }

    /// <summary>Removes up to <paramref name="destination"/>'s length of bytes into it and returns how many.</summary>
    public int Read(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length && Count > 0)
        {
            var segment = ReadableSegment();
            var n = Math.Min(segment.Length, destination.Length - total);
            segment[..n].CopyTo(destination[total..]);
            Consume(n);
            total += n;
        }

        return total;
    }

    public bool TryWriteByte(byte value)
    {
        if (IsFull)
        {
            return false;
        }

        _buffer[(_start + Count) % _buffer.Length] = value;
        Count++;
        return true;
    }

    public bool TryReadByte(out byte value)
    {
        if (IsEmpty)
        {
            value = 0;
            return false;
        }

        value = _buffer[_start];
        Consume(1);
        return true;
    }

    /// <summary>The contiguous free space right after the stored bytes; fill it, then <see cref="Commit"/>.</summary>
    public Span<byte> WritableSegment()
    {
        var end = (_start + Count) % _buffer.Length;
        var contiguous = end >= _start && Count < _buffer.Length ? _buffer.Length - end : _start - end;
        return _buffer.AsSpan(end, Math.Min(contiguous, Free));
    }

    public void Commit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Free);
        Count += count;
    }

    /// <summary>The contiguous stored bytes at the front; use them, then <see cref="Consume"/>.</summary>
    public ReadOnlySpan<byte> ReadableSegment() => _buffer.AsSpan(_start, Math.Min(Count, _buffer.Length - _start));

    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        _start = (_start + count) % _buffer.Length;
        Count -= count;
        if (Count == 0)
        {
            _start = 0;
        }
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }

    /// <summary>A copy of the stored bytes, oldest first.</summary>
    public byte[] ToArray()
    {
        var copy = new byte[Count];
        var first = ReadableSegment();
        first.CopyTo(copy);
        _buffer.AsSpan(0, Count - first.Length).CopyTo(copy.AsSpan(first.Length));
        return copy;
    }
}
