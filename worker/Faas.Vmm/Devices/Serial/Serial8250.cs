using Faas.Vmm.Snapshots;
using static Faas.Vmm.Devices.Serial.SerialReg;

namespace Faas.Vmm.Devices.Serial;

/// <summary>
/// A 16550A UART (8 registers of port I/O, e.g. at 0x3f8): what the guest transmits goes to the output callback the moment it
/// is written, what the host sends is queued in a bounded receive FIFO. The interrupt is raised on the rising edge of the
/// chip's interrupt output (the way an edge-triggered pin sees a level).
/// </summary>
public sealed class Serial8250 : IBusDevice, ISnapshotable
{
    /// <summary>Bytes of host input the receive FIFO holds; more is dropped and reported to the guest as an overrun.</summary>
    public const int InputCapacity = 64;

    private const byte DefaultDivisorLow = 0x0C; // 9600 baud from a 1.8432 MHz clock
    private const byte ConnectedModemStatus = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;

    private readonly Lock _lock = new();
    private readonly IInterruptLine _interrupt;
    private readonly Action<ReadOnlySpan<byte>> _output;
    private readonly ByteRing _received = new(InputCapacity);
    private byte _divisorLow = DefaultDivisorLow;
    private byte _divisorHigh;
    private byte _interruptEnable;
    private byte _lineControl = UART_LCR_WLEN8;
    private byte _modemControl = UART_MCR_OUT2;
    private byte _scratch;
    private bool _fifoEnabled;
    private bool _transmitterEmptyPending;
    private bool _overrun;
    private bool _interruptAsserted;

    public Serial8250(IInterruptLine interrupt, Action<ReadOnlySpan<byte>> output)
    {
        ArgumentNullException.ThrowIfNull(interrupt);
        ArgumentNullException.ThrowIfNull(output);
        _interrupt = interrupt;
        _output = output;
    }

    private bool DivisorLatchAccess => (_lineControl & UART_LCR_DLAB) != 0;

    private bool Loopback => (_modemControl & UART_MCR_LOOP) != 0;

    public void Read(ulong offset, Span<byte> data)
    {
        lock (_lock)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = ReadRegister(offset + (ulong)i);
            }

            UpdateInterrupt();
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            for (var i = 0; i < data.Length; i++)
            {
                WriteRegister(offset + (ulong)i, data[i]);
            }

            UpdateInterrupt();
        }
    }

    /// <summary>Queues bytes from the host for the guest to receive; what does not fit in the FIFO is dropped as an overrun.</summary>
    public void Input(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_received.Write(bytes) < bytes.Length)
            {
                _overrun = true;
            }

            UpdateInterrupt();
        }
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Serial8250State state;
        lock (_lock)
        {
            state = new Serial8250State(
                _divisorLow, _divisorHigh, _interruptEnable, _lineControl, _modemControl, _scratch,
                _fifoEnabled, _transmitterEmptyPending, _overrun, _interruptAsserted, _received.ToArray());
        }

        state.Write(writer);
    }

    public void Restore(BinaryReader reader)
    {
        var state = Serial8250State.Read(reader);
        lock (_lock)
        {
            _divisorLow = state.DivisorLow;
            _divisorHigh = state.DivisorHigh;
            _interruptEnable = state.InterruptEnable;
            _lineControl = state.LineControl;
            _modemControl = state.ModemControl;
            _scratch = state.Scratch;
            _fifoEnabled = state.FifoEnabled;
            _transmitterEmptyPending = state.TransmitterEmptyPending;
            _overrun = state.Overrun;
            _interruptAsserted = state.InterruptAsserted;
            _received.Clear();
            _received.Write(state.Received);
        }
    }

    private byte ReadRegister(ulong offset)
    {
        switch (offset)
        {
            case UART_DLL when DivisorLatchAccess:
                return _divisorLow;
            case UART_RX:
                return _received.TryReadByte(out var value) ? value : (byte)0;
            case UART_DLM when DivisorLatchAccess:
                return _divisorHigh;
            case UART_IER:
                return _interruptEnable;
            case UART_IIR:
                var identification = InterruptIdentification();
                if (identification == UART_IIR_THRI)
                {
                    _transmitterEmptyPending = false;
                }

                return (byte)(identification | (_fifoEnabled ? UART_IIR_FIFO_ENABLED_16550A : 0));
            case UART_LCR:
                return _lineControl;
            case UART_MCR:
                return _modemControl;
            case UART_LSR:
                var lineStatus = (byte)(UART_LSR_THRE | UART_LSR_TEMT
                    | (_received.IsEmpty ? 0 : UART_LSR_DR)
                    | (_overrun ? UART_LSR_OE : 0));
                _overrun = false;
                return lineStatus;
            case UART_MSR:
                return Loopback ? LoopbackModemStatus() : ConnectedModemStatus;
            case UART_SCR:
                return _scratch;
            default:
                return 0;
        }
    }

    private void WriteRegister(ulong offset, byte value)
    {
        switch (offset)
        {
            case UART_DLL when DivisorLatchAccess:
                _divisorLow = value;
                break;
            case UART_TX:
                Transmit(value);
                break;
            case UART_DLM when DivisorLatchAccess:
                _divisorHigh = value;
                break;
            case UART_IER:
                var enabled = (byte)(value & UART_IER_MASK);
                if ((enabled & UART_IER_THRI) != 0 && (_interruptEnable & UART_IER_THRI) == 0)
                {
                    // Enabling the interrupt while the holding register is empty (always, here) raises it at once.
                    _transmitterEmptyPending = true;
                }

                _interruptEnable = enabled;
                break;
            case UART_FCR:
                _fifoEnabled = (value & UART_FCR_ENABLE_FIFO) != 0;
                if ((value & UART_FCR_CLEAR_RCVR) != 0)
                {
                    _received.Clear();
                }

                break;
            case UART_LCR:
                _lineControl = value;
                break;
            case UART_MCR:
                _modemControl = (byte)(value & UART_MCR_MASK);
                break;
            case UART_SCR:
                _scratch = value;
                break;
            default:
                // LSR and MSR are read-only; nothing lives above the scratch register.
                break;
        }
    }

    private void Transmit(byte value)
    {
        if (Loopback)
        {
            if (_received.Count >= UART_FIFO_SIZE || !_received.TryWriteByte(value))
            {
                _overrun = true;
            }
        }
        else
        {
            _output(new ReadOnlySpan<byte>(in value));
        }

        // The byte leaves at once, so the holding register is empty again.
        _transmitterEmptyPending = true;
    }

    private byte InterruptIdentification()
    {
        if ((_interruptEnable & UART_IER_RLSI) != 0 && _overrun)
        {
            return UART_IIR_RLSI;
        }

        if ((_interruptEnable & UART_IER_RDI) != 0 && !_received.IsEmpty)
        {
            return UART_IIR_RDI;
        }

        if ((_interruptEnable & UART_IER_THRI) != 0 && _transmitterEmptyPending)
        {
            return UART_IIR_THRI;
        }

        return UART_IIR_NO_INT;
    }

    private byte LoopbackModemStatus()
    {
        var status = 0;
        status |= (_modemControl & UART_MCR_RTS) != 0 ? UART_MSR_CTS : 0;
        status |= (_modemControl & UART_MCR_DTR) != 0 ? UART_MSR_DSR : 0;
        status |= (_modemControl & UART_MCR_OUT1) != 0 ? UART_MSR_RI : 0;
        status |= (_modemControl & UART_MCR_OUT2) != 0 ? UART_MSR_DCD : 0;
        return (byte)status;
    }

    private void UpdateInterrupt()
    {
        var asserted = InterruptIdentification() != UART_IIR_NO_INT;
        if (asserted && !_interruptAsserted)
        {
            _interrupt.Trigger();
        }

        _interruptAsserted = asserted;
    }
}
