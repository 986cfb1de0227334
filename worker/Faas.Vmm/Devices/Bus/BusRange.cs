namespace Faas.Vmm.Devices.Bus;

/// <summary>A device's place on a bus: <see cref="Length"/> bytes from <see cref="Base"/>.</summary>
internal readonly record struct BusRange(ulong Base, ulong Length, IBusDevice Device)
{
    /// <summary>The last address of the range (inclusive, so a range may end at the top of the address space).</summary>
    public ulong Last => Base + (Length - 1);

    public bool Contains(ulong address, ulong length) =>
        address >= Base && address - Base < Length && length <= Length - (address - Base);

    public bool Overlaps(BusRange other) => Base <= other.Last && other.Base <= Last;
}
