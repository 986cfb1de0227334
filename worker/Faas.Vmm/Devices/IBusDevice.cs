namespace Faas.Vmm.Devices;

/// <summary>
/// A device on the port I/O or MMIO bus. Offsets are relative to the device's base address; accesses the device does not
/// understand read as zeros and are ignored on write (a guest cannot make a device throw).
/// </summary>
public interface IBusDevice
{
    void Read(ulong offset, Span<byte> data);

    void Write(ulong offset, ReadOnlySpan<byte> data);
}
