namespace Faas.Vmm.Devices.Virtio;

/// <summary>One buffer of a descriptor chain: guest physical address and length, readable or (write-only) writable by the device.</summary>
public readonly record struct DescriptorBuffer(ulong Address, uint Length, bool IsWriteOnly);
