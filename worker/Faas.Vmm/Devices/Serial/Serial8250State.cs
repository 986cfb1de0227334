namespace Faas.Vmm.Devices.Serial;

/// <summary>What a <see cref="Serial8250"/> saves in a snapshot.</summary>
internal sealed record Serial8250State(
    byte DivisorLow,
    byte DivisorHigh,
    byte InterruptEnable,
    byte LineControl,
    byte ModemControl,
    byte Scratch,
    bool FifoEnabled,
    bool TransmitterEmptyPending,
    bool Overrun,
    bool InterruptAsserted,
    byte[] Received)
{
    private const uint Tag = 0x30353238; // "8250"
    private const byte Version = 1;
    private const string Component = "serial 8250";

    public void Write(BinaryWriter writer)
    {
        DeviceState.WriteHeader(writer, Tag, Version);
        writer.Write(DivisorLow);
        writer.Write(DivisorHigh);
        writer.Write(InterruptEnable);
        writer.Write(LineControl);
        writer.Write(ModemControl);
        writer.Write(Scratch);
        writer.Write(FifoEnabled);
        writer.Write(TransmitterEmptyPending);
        writer.Write(Overrun);
        writer.Write(InterruptAsserted);
        DeviceState.WriteBytes(writer, Received);
    }

    public static Serial8250State Read(BinaryReader reader) =>
        DeviceState.Read(reader, Component, r =>
        {
            DeviceState.ReadHeader(r, Tag, Version, Component);
            var state = new Serial8250State(
                r.ReadByte(),
                r.ReadByte(),
                r.ReadByte(),
                r.ReadByte(),
                r.ReadByte(),
                r.ReadByte(),
                DeviceState.ReadFlag(r, "FIFO enabled"),
                DeviceState.ReadFlag(r, "transmitter empty pending"),
                DeviceState.ReadFlag(r, "overrun"),
                DeviceState.ReadFlag(r, "interrupt asserted"),
                DeviceState.ReadBytes(r, Serial8250.InputCapacity, "receive FIFO"));
            DeviceState.Require((state.InterruptEnable & ~SerialReg.UART_IER_MASK) == 0, $"interrupt enable 0x{state.InterruptEnable:x2} has reserved bits");
            DeviceState.Require((state.ModemControl & ~SerialReg.UART_MCR_MASK) == 0, $"modem control 0x{state.ModemControl:x2} has reserved bits");
            return state;
        });
}
