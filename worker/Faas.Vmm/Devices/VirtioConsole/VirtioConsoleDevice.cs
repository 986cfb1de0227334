using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Snapshots;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Devices.VirtioConsole;

/// <summary>
/// A single-port virtio console (/dev/hvc0 in the guest) whose other end is <see cref="HostStream"/>. Both directions are
/// bounded: when the host does not read, the device stops taking the guest's transmit buffers (the guest's writes wait); when
/// the guest has no receive buffers, host writes wait once the device's buffer is full.
/// </summary>
public sealed class VirtioConsoleDevice : IVirtioDevice, ISnapshotable, IDisposable
{
    public const int ReceiveQueue = 0;
    public const int TransmitQueue = 1;
    public const ushort QueueSize = 128;

    /// <summary>Bytes from the guest the device holds for the host before it stops taking the guest's buffers.</summary>
    public const int ToHostCapacity = 128 * 1024;

    /// <summary>Bytes from the host the device holds for the guest before host writes wait.</summary>
    public const int ToGuestCapacity = 64 * 1024;

    /// <summary>struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr; all zero without the features that give them meaning.</summary>
    private const int ConfigSize = 12;

    private static readonly ushort[] QueueSizes = [QueueSize, QueueSize];

    private readonly Lock _lock = new();
    private readonly ByteRing _toHost = new(ToHostCapacity);
    private readonly ByteRing _toGuest = new(ToGuestCapacity);
    private readonly DescriptorChain _chain = new();
    private readonly AsyncSignal _hostReadable = new();
    private readonly AsyncSignal _hostWritable = new();
    private VirtQueue? _receive;
    private VirtQueue? _transmit;
    private IVirtioInterrupt? _interrupt;
    private long _transmitChainOffset;
    private bool _closed;

    public VirtioConsoleDevice()
    {
        HostStream = new ConsoleHostStream(this);
    }

    /// <summary>
    /// The host's end of the console. Reads return what the guest transmitted (0 once the device is disposed and drained);
    /// writes complete once the device holds every byte for the guest. Disposing the stream does not close the device.
    /// </summary>
    public Stream HostStream { get; }

    public uint DeviceType => VirtioIds.VIRTIO_ID_CONSOLE;

    public ulong AvailableFeatures => VirtioConfig.Feature(VirtioConfig.VIRTIO_F_VERSION_1) | VirtioConfig.Feature(VirtioConfig.VIRTIO_RING_F_INDIRECT_DESC);

    public IReadOnlyList<ushort> QueueMaxSizes => QueueSizes;

    public void ReadConfig(ulong offset, Span<byte> data) => data.Clear();

    public void WriteConfig(ulong offset, ReadOnlySpan<byte> data)
    {
        // Nothing in the configuration is writable without VIRTIO_CONSOLE_F_EMERG_WRITE, which is not offered.
    }

    public bool Activate(IGuestMemory memory, IReadOnlyList<VirtQueue> queues, ulong ackedFeatures, IVirtioInterrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(interrupt);
        if (queues.Count != QueueSizes.Length)
        {
            return false;
        }

        lock (_lock)
        {
            _receive = queues[ReceiveQueue];
            _transmit = queues[TransmitQueue];
            _interrupt = interrupt;
            DeliverToGuest();
            TakeFromGuest();
        }

        return true;
    }

    public void QueueNotify(int queue)
    {
        lock (_lock)
        {
            switch (queue)
            {
                case ReceiveQueue:
                    DeliverToGuest();
                    break;
                case TransmitQueue:
                    TakeFromGuest();
                    break;
                default:
                    break;
            }
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            Deactivate();
        }
    }

    /// <summary>Ends the host's stream: reads drain what is left then return 0, writes fail, the guest's output is discarded.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            TakeFromGuest();
            _hostReadable.Pulse();
            _hostWritable.Pulse();
        }
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        VirtioConsoleState state;
        lock (_lock)
        {
            state = new VirtioConsoleState(_toHost.ToArray(), _toGuest.ToArray(), _transmitChainOffset);
        }

        state.Write(writer);
    }

    public void Restore(BinaryReader reader)
    {
        var state = VirtioConsoleState.Read(reader);
        lock (_lock)
        {
            Deactivate();
            _toHost.Clear();
            _toHost.Write(state.ToHost);
            _toGuest.Clear();
            _toGuest.Write(state.ToGuest);
            _transmitChainOffset = state.TransmitChainOffset;
            _hostReadable.Pulse();
            _hostWritable.Pulse();
        }
    }

    /// <summary>Takes what the guest transmitted into <paramref name="destination"/>, or says what to wait for.</summary>
    /// <returns>Bytes read; 0 with <paramref name="wait"/> null at the end of the stream, or with a task to wait for before trying again.</returns>
    internal int TryHostRead(Span<byte> destination, out Task? wait)
    {
        wait = null;
        if (destination.IsEmpty)
        {
            return 0;
        }

        lock (_lock)
        {
            var read = _toHost.Read(destination);
            if (read > 0)
            {
                TakeFromGuest();
                return read;
            }

            if (!_closed)
            {
                wait = _hostReadable.WaitAsync();
            }

            return 0;
        }
    }

    /// <summary>Accepts as much of <paramref name="source"/> for the guest as fits, or says what to wait for.</summary>
    /// <exception cref="IOException">The device is disposed.</exception>
    internal int TryHostWrite(ReadOnlySpan<byte> source, out Task? wait)
    {
        wait = null;
        lock (_lock)
        {
            if (_closed)
            {
                throw new IOException("the virtio console is closed");
            }

            var written = _toGuest.Write(source);
            if (written > 0)
            {
                DeliverToGuest();
            }
            else if (!source.IsEmpty)
            {
                wait = _hostWritable.WaitAsync();
            }

            return written;
        }
    }

    private void Deactivate()
    {
        _receive = null;
        _transmit = null;
        _interrupt = null;
        _transmitChainOffset = 0;
    }

    /// <summary>Fills the guest's receive buffers with what the host wrote.</summary>
    private void DeliverToGuest()
    {
        if (_receive is not { } queue || _interrupt is not { } interrupt || _toGuest.IsEmpty)
        {
            return;
        }

        var returned = false;
        while (!_toGuest.IsEmpty)
        {
            var popped = queue.TryPop(_chain);
            if (popped == VirtQueuePopResult.Empty)
            {
                break;
            }

            if (popped == VirtQueuePopResult.Broken)
            {
                interrupt.SignalNeedsReset();
                break;
            }

            long written = 0;
            while (!_toGuest.IsEmpty && written < _chain.WritableLength)
            {
                var bytes = _toGuest.ReadableSegment();
                bytes = bytes[..(int)Math.Min(bytes.Length, _chain.WritableLength - written)];
                if (!_chain.TryWrite(written, bytes))
                {
                    queue.Break(VirtQueueError.BufferOutsideMemory);
                    break;
                }

                _toGuest.Consume(bytes.Length);
                written += bytes.Length;
            }

            if (!queue.AddUsed(_chain.Head, (uint)written))
            {
                interrupt.SignalNeedsReset();
                break;
            }

            returned = true;
        }

        if (returned)
        {
            interrupt.SignalUsedBuffers();
            _hostWritable.Pulse();
        }
    }

    /// <summary>Moves what the guest transmitted into the host's buffer while there is room; a chain that does not fit waits, partly taken.</summary>
    private void TakeFromGuest()
    {
        if (_transmit is not { } queue || _interrupt is not { } interrupt)
        {
            return;
        }

        var returned = false;
        var received = false;
        while (_closed || !_toHost.IsFull)
        {
            var popped = queue.TryPop(_chain);
            if (popped == VirtQueuePopResult.Empty)
            {
                break;
            }

            if (popped == VirtQueuePopResult.Broken)
            {
                interrupt.SignalNeedsReset();
                break;
            }

            var remaining = _chain.ReadableLength - _transmitChainOffset;
            while (remaining > 0 && (_closed || !_toHost.IsFull))
            {
                if (_closed)
                {
                    _transmitChainOffset += remaining;
                    remaining = 0;
                    break;
                }

                var space = _toHost.WritableSegment();
                space = space[..(int)Math.Min(space.Length, remaining)];
                if (!_chain.TryRead(_transmitChainOffset, space))
                {
                    queue.Break(VirtQueueError.BufferOutsideMemory);
                    interrupt.SignalNeedsReset();
                    return;
                }

                _toHost.Commit(space.Length);
                _transmitChainOffset += space.Length;
                remaining -= space.Length;
                received = true;
            }

            if (remaining > 0)
            {
                queue.UndoPop();
                break;
            }

            _transmitChainOffset = 0;
            if (!queue.AddUsed(_chain.Head, 0))
            {
                interrupt.SignalNeedsReset();
                break;
            }

            returned = true;
        }

        if (received)
        {
            _hostReadable.Pulse();
        }

        if (returned)
        {
            interrupt.SignalUsedBuffers();
        }
    }
}
