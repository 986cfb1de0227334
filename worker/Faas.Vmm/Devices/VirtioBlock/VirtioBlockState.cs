namespace Faas.Vmm.Devices.VirtioBlock;

/// <summary>What a <see cref="VirtioBlockDevice"/> saves in a snapshot: the shape of its disk, which must not change under a restored guest.</summary>
internal sealed record VirtioBlockState(ulong CapacitySectors, bool ReadOnly)
{
    private const uint Tag = 0x4b4c4256; // "VBLK"
    private const byte Version = 1;
    private const string Component = "virtio block";

    public void Write(BinaryWriter writer)
    {
        DeviceState.WriteHeader(writer, Tag, Version);
        writer.Write(CapacitySectors);
        writer.Write(ReadOnly);
    }

    public static VirtioBlockState Read(BinaryReader reader) =>
        DeviceState.Read(reader, Component, r =>
        {
            DeviceState.ReadHeader(r, Tag, Version, Component);
            return new VirtioBlockState(r.ReadUInt64(), DeviceState.ReadFlag(r, "read-only"));
        });
}
