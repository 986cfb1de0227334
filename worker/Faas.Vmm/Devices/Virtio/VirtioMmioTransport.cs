using System.Buffers.Binary;
using Faas.Vmm.Snapshots;
using Faas.Vmm.Vstate;
using static Faas.Vmm.Devices.Virtio.VirtioConfig;
using static Faas.Vmm.Devices.Virtio.VirtioMmio;

namespace Faas.Vmm.Devices.Virtio;

/// <summary>
/// The virtio-mmio (version 2) transport of one virtio device: <see cref="MmioSize"/> bytes of registers, the device's
/// configuration space from 0x100, one interrupt. Linux finds it from <c>virtio_mmio.device=4K@BASE:IRQ</c> on the kernel
/// command line. Its snapshot holds the registers, the queues and then the device's own state (when the device has any), so a
/// VMM saves and restores the transport only, after guest memory.
/// </summary>
public sealed class VirtioMmioTransport : IBusDevice, ISnapshotable, IVirtioInterrupt
{
    /// <summary>Bytes of MMIO space the transport occupies.</summary>
    public const ulong MmioSize = 0x1000;

    /// <summary>What the VendorID register reads: "FAAS".</summary>
    public const uint VendorId = 0x53414146;

    private const uint DriverStatusBits =
        VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_DRIVER_OK | VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_FAILED;

    private readonly Lock _lock = new();
    private readonly IVirtioDevice _device;
    private readonly IGuestMemory _memory;
    private readonly IInterruptLine _interrupt;
    private readonly VirtQueue[] _queues;
    private uint _deviceFeaturesSelect;
    private uint _driverFeaturesSelect;
    private uint _queueSelect;
    private ulong _driverFeatures;
    private int _status;
    private int _interruptStatus;
    private volatile bool _activated;

    public VirtioMmioTransport(IVirtioDevice device, IGuestMemory memory, IInterruptLine interrupt)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(interrupt);
        if ((device.AvailableFeatures & Feature(VIRTIO_F_VERSION_1)) == 0)
        {
            throw new ArgumentException("a virtio-mmio version 2 device must offer VIRTIO_F_VERSION_1", nameof(device));
        }

        _device = device;
        _memory = memory;
        _interrupt = interrupt;
        _queues = device.QueueMaxSizes.Select(maxSize => new VirtQueue(memory, maxSize)).ToArray();
    }

    public IVirtioDevice Device => _device;

    /// <summary>The device status register, DEVICE_NEEDS_RESET included.</summary>
    public uint Status => (uint)Volatile.Read(ref _status);

    /// <summary>Pending interrupt causes (bit 0: used buffers, bit 1: configuration change).</summary>
    public uint InterruptStatus => (uint)Volatile.Read(ref _interruptStatus);

    /// <summary>The features the driver accepted.</summary>
    public ulong DriverFeatures
    {
        get
        {
            lock (_lock)
            {
                return _driverFeatures;
            }
        }
    }

    public IReadOnlyList<VirtQueue> Queues => _queues;

    public void Read(ulong offset, Span<byte> data)
    {
        if (offset >= VIRTIO_MMIO_CONFIG)
        {
            _device.ReadConfig(offset - VIRTIO_MMIO_CONFIG, data);
            return;
        }

        if (data.Length != sizeof(uint) || offset % sizeof(uint) != 0)
        {
            data.Clear();
            return;
        }

        uint value;
        lock (_lock)
        {
            value = ReadRegister(offset);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(data, value);
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset >= VIRTIO_MMIO_CONFIG)
        {
            _device.WriteConfig(offset - VIRTIO_MMIO_CONFIG, data);
            return;
        }

        if (data.Length != sizeof(uint) || offset % sizeof(uint) != 0)
        {
            return;
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (offset == VIRTIO_MMIO_QUEUE_NOTIFY)
        {
            // Not under the transport's lock: vCPUs notifying different queues only meet in the device.
            if (_activated && value < (uint)_queues.Length)
            {
                _device.QueueNotify((int)value);
            }

            return;
        }

        lock (_lock)
        {
            WriteRegister(offset, value);
        }
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        VirtioMmioTransportState state;
        lock (_lock)
        {
            state = new VirtioMmioTransportState(
                _device.DeviceType, _deviceFeaturesSelect, _driverFeaturesSelect, _queueSelect, _driverFeatures,
                Status, InterruptStatus, _activated, _queues.Select(queue => queue.Capture()).ToArray());
        }

        state.Write(writer);
        (_device as ISnapshotable)?.Save(writer);
    }

    /// <summary>Restores registers, queues and the device, then re-activates the device if it was running; call after guest memory is restored.</summary>
    public void Restore(BinaryReader reader)
    {
        var state = VirtioMmioTransportState.Read(reader, _device);
        if (state.Activated)
        {
            for (var i = 0; i < _queues.Length; i++)
            {
                var probe = new VirtQueue(_memory, _queues[i].MaxSize);
                probe.Apply(state.Queues[i]);
                DeviceState.Require(!probe.Ready || probe.IsValid, $"queue {i} of a running device is not a valid queue in guest memory");
            }
        }

        lock (_lock)
        {
            // The device validates its state before changing anything, so a failure here leaves the transport as it was.
            if (_device is ISnapshotable snapshotable)
            {
                snapshotable.Restore(reader);
            }
            else
            {
                _device.Reset();
            }

            _activated = false;

            _deviceFeaturesSelect = state.DeviceFeaturesSelect;
            _driverFeaturesSelect = state.DriverFeaturesSelect;
            _queueSelect = state.QueueSelect;
            _driverFeatures = state.DriverFeatures;
            Volatile.Write(ref _status, (int)state.Status);
            Volatile.Write(ref _interruptStatus, (int)state.InterruptStatus);
            for (var i = 0; i < _queues.Length; i++)
            {
                _queues[i].Apply(state.Queues[i]);
            }

            if (state.Activated)
            {
                if (!_device.Activate(_memory, _queues, _driverFeatures, this))
                {
                    throw new InvalidDataException("the restored device refused its restored queues");
                }

                _activated = true;
            }
        }
    }

    void IVirtioInterrupt.SignalUsedBuffers()
    {
        Interlocked.Or(ref _interruptStatus, VIRTIO_MMIO_INT_VRING);
        _interrupt.Trigger();
    }

    void IVirtioInterrupt.SignalNeedsReset()
    {
        var previous = Interlocked.Or(ref _status, (int)VIRTIO_CONFIG_S_NEEDS_RESET);
        if ((previous & (int)VIRTIO_CONFIG_S_NEEDS_RESET) == 0)
        {
            Interlocked.Or(ref _interruptStatus, VIRTIO_MMIO_INT_CONFIG);
            _interrupt.Trigger();
        }
    }

    private VirtQueue? SelectedQueue => _queueSelect < (uint)_queues.Length ? _queues[_queueSelect] : null;

    /// <summary>Queues are configured after FEATURES_OK and before DRIVER_OK, and only while not ready.</summary>
    private VirtQueue? ConfigurableQueue =>
        (Status & (VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK | VIRTIO_CONFIG_S_FAILED)) == VIRTIO_CONFIG_S_FEATURES_OK
            ? SelectedQueue
            : null;

    private uint ReadRegister(ulong offset) =>
        offset switch
        {
            VIRTIO_MMIO_MAGIC_VALUE => VIRTIO_MMIO_MAGIC,
            VIRTIO_MMIO_VERSION => VIRTIO_MMIO_VERSION_MODERN,
            VIRTIO_MMIO_DEVICE_ID => _device.DeviceType,
            VIRTIO_MMIO_VENDOR_ID => VendorId,
            VIRTIO_MMIO_DEVICE_FEATURES => _deviceFeaturesSelect switch
            {
                0 => (uint)_device.AvailableFeatures,
                1 => (uint)(_device.AvailableFeatures >> 32),
                _ => 0,
            },
            VIRTIO_MMIO_QUEUE_NUM_MAX => SelectedQueue?.MaxSize ?? 0u,
            VIRTIO_MMIO_QUEUE_READY => SelectedQueue?.Ready == true ? 1u : 0u,
            VIRTIO_MMIO_QUEUE_DESC_LOW => (uint)(SelectedQueue?.DescriptorTableAddress ?? 0),
            VIRTIO_MMIO_QUEUE_DESC_HIGH => (uint)((SelectedQueue?.DescriptorTableAddress ?? 0) >> 32),
            VIRTIO_MMIO_QUEUE_AVAIL_LOW => (uint)(SelectedQueue?.DriverAreaAddress ?? 0),
            VIRTIO_MMIO_QUEUE_AVAIL_HIGH => (uint)((SelectedQueue?.DriverAreaAddress ?? 0) >> 32),
            VIRTIO_MMIO_QUEUE_USED_LOW => (uint)(SelectedQueue?.DeviceAreaAddress ?? 0),
            VIRTIO_MMIO_QUEUE_USED_HIGH => (uint)((SelectedQueue?.DeviceAreaAddress ?? 0) >> 32),
            VIRTIO_MMIO_INTERRUPT_STATUS => InterruptStatus,
            VIRTIO_MMIO_STATUS => Status,
            // No shared memory regions: their length reads as all ones.
            VIRTIO_MMIO_SHM_LEN_LOW or VIRTIO_MMIO_SHM_LEN_HIGH or VIRTIO_MMIO_SHM_BASE_LOW or VIRTIO_MMIO_SHM_BASE_HIGH => uint.MaxValue,
            VIRTIO_MMIO_CONFIG_GENERATION => 0,
            _ => 0,
        };

    private void WriteRegister(ulong offset, uint value)
    {
        switch (offset)
        {
            case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
                _deviceFeaturesSelect = value;
                break;
            case VIRTIO_MMIO_DRIVER_FEATURES:
                SetDriverFeatures(value);
                break;
            case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
                _driverFeaturesSelect = value;
                break;
            case VIRTIO_MMIO_QUEUE_SEL:
                _queueSelect = value;
                break;
            case VIRTIO_MMIO_QUEUE_NUM when ConfigurableQueue is { Ready: false } queue:
                queue.Size = (ushort)Math.Min(value, ushort.MaxValue);
                break;
            case VIRTIO_MMIO_QUEUE_READY when ConfigurableQueue is { } queue && value <= 1:
                queue.Ready = value == 1;
                break;
            case VIRTIO_MMIO_QUEUE_DESC_LOW when ConfigurableQueue is { Ready: false } queue:
                queue.DescriptorTableAddress = WithLow(queue.DescriptorTableAddress, value);
                break;
            case VIRTIO_MMIO_QUEUE_DESC_HIGH when ConfigurableQueue is { Ready: false } queue:
                queue.DescriptorTableAddress = WithHigh(queue.DescriptorTableAddress, value);
                break;
            case VIRTIO_MMIO_QUEUE_AVAIL_LOW when ConfigurableQueue is { Ready: false } queue:
                queue.DriverAreaAddress = WithLow(queue.DriverAreaAddress, value);
                break;
            case VIRTIO_MMIO_QUEUE_AVAIL_HIGH when ConfigurableQueue is { Ready: false } queue:
                queue.DriverAreaAddress = WithHigh(queue.DriverAreaAddress, value);
                break;
            case VIRTIO_MMIO_QUEUE_USED_LOW when ConfigurableQueue is { Ready: false } queue:
                queue.DeviceAreaAddress = WithLow(queue.DeviceAreaAddress, value);
                break;
            case VIRTIO_MMIO_QUEUE_USED_HIGH when ConfigurableQueue is { Ready: false } queue:
                queue.DeviceAreaAddress = WithHigh(queue.DeviceAreaAddress, value);
                break;
            case VIRTIO_MMIO_INTERRUPT_ACK:
                Interlocked.And(ref _interruptStatus, ~(int)value);
                break;
            case VIRTIO_MMIO_STATUS:
                SetStatus(value);
                break;
            default:
                // Read-only and unknown registers ignore writes.
                break;
        }
    }

    private void SetDriverFeatures(uint value)
    {
        if ((Status & (VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FEATURES_OK)) != VIRTIO_CONFIG_S_DRIVER)
        {
            return;
        }

        _driverFeatures = _driverFeaturesSelect switch
        {
            0 => WithLow(_driverFeatures, value),
            1 => WithHigh(_driverFeatures, value),
            _ => _driverFeatures,
        };
    }

    private void SetStatus(uint value)
    {
        if (value == 0)
        {
            Reset();
            return;
        }

        var current = Status;
        var driverBits = current & DriverStatusBits;
        var requested = value & DriverStatusBits;
        if ((requested & driverBits) != driverBits)
        {
            // Only a reset clears status bits.
            return;
        }

        var added = requested & ~driverBits;
        if ((added & VIRTIO_CONFIG_S_DRIVER) != 0 && (requested & VIRTIO_CONFIG_S_ACKNOWLEDGE) == 0)
        {
            return;
        }

        if ((added & VIRTIO_CONFIG_S_FEATURES_OK) != 0 && !FeaturesAcceptable(requested))
        {
            // The driver reads the status back and sees that its features were refused.
            requested &= ~VIRTIO_CONFIG_S_FEATURES_OK;
            added &= ~VIRTIO_CONFIG_S_FEATURES_OK;
        }

        if ((added & VIRTIO_CONFIG_S_DRIVER_OK) != 0 && (requested & VIRTIO_CONFIG_S_FEATURES_OK) == 0)
        {
            return;
        }

        Interlocked.Or(ref _status, (int)requested);
        if ((added & VIRTIO_CONFIG_S_DRIVER_OK) != 0 && (requested & VIRTIO_CONFIG_S_FAILED) == 0)
        {
            Activate();
        }
    }

    private bool FeaturesAcceptable(uint requested) =>
        (requested & VIRTIO_CONFIG_S_DRIVER) != 0
        && (_driverFeatures & ~_device.AvailableFeatures) == 0
        && (_driverFeatures & Feature(VIRTIO_F_VERSION_1)) != 0;

    private void Activate()
    {
        if (_queues.Any(queue => queue.Ready && !queue.IsValid) || !_device.Activate(_memory, _queues, _driverFeatures, this))
        {
            ((IVirtioInterrupt)this).SignalNeedsReset();
            return;
        }

        _activated = true;
    }

    private void Reset()
    {
        _activated = false;
        _device.Reset();
        foreach (var queue in _queues)
        {
            queue.Reset();
        }

        _deviceFeaturesSelect = 0;
        _driverFeaturesSelect = 0;
        _queueSelect = 0;
        _driverFeatures = 0;
        Volatile.Write(ref _interruptStatus, 0);
        Volatile.Write(ref _status, 0);
    }

    private static ulong WithLow(ulong current, uint low) => (current & 0xFFFF_FFFF_0000_0000) | low;

    private static ulong WithHigh(ulong current, uint high) => (current & 0x0000_0000_FFFF_FFFF) | ((ulong)high << 32);
}
