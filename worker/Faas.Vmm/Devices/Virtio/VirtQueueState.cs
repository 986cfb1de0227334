namespace Faas.Vmm.Devices.Virtio;

/// <summary>What a <see cref="VirtQueue"/> saves in a snapshot.</summary>
internal sealed record VirtQueueState(
    ushort MaxSize,
    ushort Size,
    bool Ready,
    ulong DescriptorTableAddress,
    ulong DriverAreaAddress,
    ulong DeviceAreaAddress,
    ushort NextAvail,
    ushort NextUsed,
    VirtQueueError Error)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(MaxSize);
        writer.Write(Size);
        writer.Write(Ready);
        writer.Write(DescriptorTableAddress);
        writer.Write(DriverAreaAddress);
        writer.Write(DeviceAreaAddress);
        writer.Write(NextAvail);
        writer.Write(NextUsed);
        writer.Write((byte)Error);
    }

    /// <summary>Reads a queue's state and checks it fits a queue of at most <paramref name="maxSize"/> entries.</summary>
    public static VirtQueueState Read(BinaryReader reader, ushort maxSize)
    {
        var state = new VirtQueueState(
            reader.ReadUInt16(),
            reader.ReadUInt16(),
            DeviceState.ReadFlag(reader, "queue ready"),
            reader.ReadUInt64(),
            reader.ReadUInt64(),
            reader.ReadUInt64(),
            reader.ReadUInt16(),
            reader.ReadUInt16(),
            (VirtQueueError)reader.ReadByte());
        DeviceState.Require(state.MaxSize == maxSize, $"a queue of at most {state.MaxSize} entries cannot be restored into one of {maxSize}");
        DeviceState.Require(Enum.IsDefined(state.Error), $"queue error {(int)state.Error} is unknown");
        return state;
    }
}
