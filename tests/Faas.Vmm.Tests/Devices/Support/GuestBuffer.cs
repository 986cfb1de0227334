namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>A buffer the test driver puts in a chain: guest address, length, and whether the device writes it.</summary>
public readonly record struct GuestBuffer(ulong Address, uint Length, bool IsWriteOnly)
{
    public static GuestBuffer Readable(ulong address, uint length) => new(address, length, false);

    public static GuestBuffer Writable(ulong address, uint length) => new(address, length, true);
}
