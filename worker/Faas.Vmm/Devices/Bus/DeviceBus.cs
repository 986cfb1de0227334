namespace Faas.Vmm.Devices.Bus;

/// <summary>
/// An address space of devices (port I/O or MMIO). Accesses are routed to the device whose range holds them, with the offset
/// from the device's base. Lookups take no lock: the sorted range table is replaced, never changed, when a device is inserted.
/// </summary>
public sealed class DeviceBus
{
    private readonly Lock _insertLock = new();
    private BusRange[] _ranges = [];

    /// <summary>Places <paramref name="device"/> at [<paramref name="baseAddress"/>, <paramref name="baseAddress"/> + <paramref name="length"/>).</summary>
    /// <exception cref="ArgumentException">The range is empty, wraps around the address space, or overlaps a device already on the bus.</exception>
    public void Insert(ulong baseAddress, ulong length, IBusDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (length == 0)
        {
            throw new ArgumentException("a device range cannot be empty", nameof(length));
        }

        if (baseAddress + (length - 1) < baseAddress)
        {
            throw new ArgumentException($"the range 0x{baseAddress:x} + 0x{length:x} wraps around the address space", nameof(length));
        }

        var range = new BusRange(baseAddress, length, device);
        lock (_insertLock)
        {
            var ranges = _ranges;
            foreach (var existing in ranges)
            {
                if (existing.Overlaps(range))
                {
                    throw new ArgumentException(
                        $"the range 0x{baseAddress:x}-0x{range.Last:x} overlaps the device at 0x{existing.Base:x}-0x{existing.Last:x}",
                        nameof(baseAddress));
                }
            }

            var updated = new BusRange[ranges.Length + 1];
            var index = 0;
            while (index < ranges.Length && ranges[index].Base < baseAddress)
            {
                updated[index] = ranges[index];
                index++;
            }

            updated[index] = range;
            Array.Copy(ranges, index, updated, index + 1, ranges.Length - index);
            Volatile.Write(ref _ranges, updated);
        }
    }

    /// <summary>Reads <paramref name="data"/>'s length of bytes at <paramref name="address"/>.</summary>
    /// <returns>false when no device holds the whole access; <paramref name="data"/> is then left as it was.</returns>
    public bool Read(ulong address, Span<byte> data)
    {
        if (!TryFind(address, (ulong)data.Length, out var range))
        {
            return false;
        }

        range.Device.Read(address - range.Base, data);
        return true;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="address"/>.</summary>
    /// <returns>false when no device holds the whole access.</returns>
    public bool Write(ulong address, ReadOnlySpan<byte> data)
    {
        if (!TryFind(address, (ulong)data.Length, out var range))
        {
            return false;
        }

        range.Device.Write(address - range.Base, data);
        return true;
    }

    private bool TryFind(ulong address, ulong length, out BusRange found)
    {
        var ranges = Volatile.Read(ref _ranges);
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (ranges[middle].Base <= address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        // high is now the last range starting at or below the address.
        if (high >= 0 && ranges[high].Contains(address, length))
        {
            found = ranges[high];
            return true;
        }

        found = default;
        return false;
    }
}
