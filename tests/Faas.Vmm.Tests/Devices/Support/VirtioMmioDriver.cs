using System.Buffers.Binary;
using Faas.Vmm.Devices.Virtio;

namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>
/// Talks to a <see cref="VirtioMmioTransport"/> through its registers only, in the order Linux's virtio_mmio and virtio core
/// do: probe, reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK, queue setup, DRIVER_OK.
/// </summary>
public sealed class VirtioMmioDriver
{
    public const ulong MagicValue = 0x000;
    public const ulong VersionRegister = 0x004;
    public const ulong DeviceId = 0x008;
    public const ulong VendorId = 0x00c;
    public const ulong DeviceFeatures = 0x010;
    public const ulong DeviceFeaturesSel = 0x014;
    public const ulong DriverFeatures = 0x020;
    public const ulong DriverFeaturesSel = 0x024;
    public const ulong QueueSel = 0x030;
    public const ulong QueueNumMax = 0x034;
    public const ulong QueueNum = 0x038;
    public const ulong QueueReady = 0x044;
    public const ulong QueueNotify = 0x050;
    public const ulong InterruptStatus = 0x060;
    public const ulong InterruptAck = 0x064;
    public const ulong StatusRegister = 0x070;
    public const ulong QueueDescLow = 0x080;
    public const ulong QueueDescHigh = 0x084;
    public const ulong QueueAvailLow = 0x090;
    public const ulong QueueAvailHigh = 0x094;
    public const ulong QueueUsedLow = 0x0a0;
    public const ulong QueueUsedHigh = 0x0a4;
    public const ulong ConfigGeneration = 0x0fc;
    public const ulong Config = 0x100;

    public const uint Acknowledge = 1;
    public const uint Driver = 2;
    public const uint DriverOk = 4;
    public const uint FeaturesOk = 8;
    public const uint NeedsReset = 0x40;
    public const uint Failed = 0x80;

    public const ulong VersionOne = 1UL << 32;

    private readonly List<GuestVirtq> _queues = [];

    public VirtioMmioDriver(VirtioMmioTransport transport, SimulatedGuestMemory memory)
    {
        Transport = transport;
        Memory = memory;
        Allocator = new GuestAllocator(0x1000, memory.Size);
    }

    public VirtioMmioTransport Transport { get; private set; }

    public SimulatedGuestMemory Memory { get; }

    public GuestAllocator Allocator { get; }

    public IReadOnlyList<GuestVirtq> Queues => _queues;

    public uint Status => Read(StatusRegister);

    /// <summary>Probes, negotiates every offered feature (or <paramref name="features"/>), sets up every queue and sets DRIVER_OK.</summary>
    public static VirtioMmioDriver Start(VirtioMmioTransport transport, SimulatedGuestMemory memory, ulong? features = null, ushort? queueSize = null)
    {
        var driver = new VirtioMmioDriver(transport, memory);
        var offered = driver.ProbeAndAcknowledge();
        Assert.True(driver.NegotiateFeatures(features ?? offered), "the device refused the features it offered");
        for (var i = 0; i < transport.Device.QueueMaxSizes.Count; i++)
        {
            driver.SetupQueue(i, queueSize);
        }

        driver.SetDriverOk();
        Assert.Equal(Acknowledge | Driver | FeaturesOk | DriverOk, driver.Status);
        return driver;
    }

    /// <summary>Continues with a transport restored from a snapshot of the current one, as a restored guest does without noticing.</summary>
    public void MoveTo(VirtioMmioTransport restored) => Transport = restored;

    public uint Read(ulong offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        Transport.Read(offset, bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public void Write(ulong offset, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Transport.Write(offset, bytes);
    }

    /// <summary>virtio_mmio_probe, then virtio core's reset, ACKNOWLEDGE and DRIVER; returns the device's features.</summary>
    public ulong ProbeAndAcknowledge()
    {
        Assert.Equal(0x74726976u, Read(MagicValue));
        Assert.Equal(2u, Read(VersionRegister));
        Assert.NotEqual(0u, Read(DeviceId));
        Write(StatusRegister, 0);
        Write(StatusRegister, Acknowledge);
        Write(StatusRegister, Acknowledge | Driver);
        Write(DeviceFeaturesSel, 1);
        ulong features = Read(DeviceFeatures);
        features <<= 32;
        Write(DeviceFeaturesSel, 0);
        features |= Read(DeviceFeatures);
        return features;
    }

    /// <summary>Writes the driver's features and sets FEATURES_OK; true when the device kept it set.</summary>
    public bool NegotiateFeatures(ulong features)
    {
        Write(DriverFeaturesSel, 1);
        Write(DriverFeatures, (uint)(features >> 32));
        Write(DriverFeaturesSel, 0);
        Write(DriverFeatures, (uint)features);
        Write(StatusRegister, Status | FeaturesOk);
        return (Status & FeaturesOk) != 0;
    }

    /// <summary>vm_setup_vq: select, check it is not set up, read the maximum, lay out the rings, write size and addresses, set ready.</summary>
    public GuestVirtq SetupQueue(int index, ushort? size = null)
    {
        Write(QueueSel, (uint)index);
        Assert.Equal(0u, Read(QueueReady));
        var max = Read(QueueNumMax);
        Assert.NotEqual(0u, max);
        var queue = new GuestVirtq(Memory, Allocator, size ?? (ushort)max);
        Write(QueueNum, queue.Size);
        Write(QueueDescLow, (uint)queue.DescriptorTable);
        Write(QueueDescHigh, (uint)(queue.DescriptorTable >> 32));
        Write(QueueAvailLow, (uint)queue.AvailRing);
        Write(QueueAvailHigh, (uint)(queue.AvailRing >> 32));
        Write(QueueUsedLow, (uint)queue.UsedRing);
        Write(QueueUsedHigh, (uint)(queue.UsedRing >> 32));
        Write(QueueReady, 1);
        _queues.Add(queue);
        return queue;
    }

    public void SetDriverOk() => Write(StatusRegister, Status | DriverOk);

    public void Notify(int queue) => Write(QueueNotify, (uint)queue);

    /// <summary>What vm_interrupt does: read the interrupt status and acknowledge it.</summary>
    public uint AcknowledgeInterrupt()
    {
        var status = Read(InterruptStatus);
        Write(InterruptAck, status);
        return status;
    }

    public byte[] ReadConfig(ulong offset, int length)
    {
        var bytes = new byte[length];
        Transport.Read(Config + offset, bytes);
        return bytes;
    }
}
