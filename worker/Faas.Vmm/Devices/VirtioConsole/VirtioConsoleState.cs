namespace Faas.Vmm.Devices.VirtioConsole;

/// <summary>What a <see cref="VirtioConsoleDevice"/> saves in a snapshot: the bytes in flight in both directions.</summary>
internal sealed record VirtioConsoleState(byte[] ToHost, byte[] ToGuest, long TransmitChainOffset)
{
    private const uint Tag = 0x534e4f43; // "CONS"
    private const byte Version = 1;
    private const string Component = "virtio console";

    public void Write(BinaryWriter writer)
    {
        DeviceState.WriteHeader(writer, Tag, Version);
        DeviceState.WriteBytes(writer, ToHost);
        DeviceState.WriteBytes(writer, ToGuest);
        writer.Write(TransmitChainOffset);
    }

    public static VirtioConsoleState Read(BinaryReader reader) =>
        DeviceState.Read(reader, Component, r =>
        {
            DeviceState.ReadHeader(r, Tag, Version, Component);
            var state = new VirtioConsoleState(
                DeviceState.ReadBytes(r, VirtioConsoleDevice.ToHostCapacity, "guest-to-host buffer"),
                DeviceState.ReadBytes(r, VirtioConsoleDevice.ToGuestCapacity, "host-to-guest buffer"),
                r.ReadInt64());
            DeviceState.Require(
                state.TransmitChainOffset is >= 0 and <= uint.MaxValue * (long)VirtioConsoleDevice.QueueSize,
                $"transmit chain offset {state.TransmitChainOffset} is impossible");
            return state;
        });
}
