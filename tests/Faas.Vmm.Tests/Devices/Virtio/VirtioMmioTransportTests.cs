using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Devices.VirtioBlock;
using Faas.Vmm.Devices.VirtioConsole;
using Faas.Vmm.Tests.Devices.Support;
using static Faas.Vmm.Tests.Devices.Support.VirtioMmioDriver;

namespace Faas.Vmm.Tests.Devices.Virtio;

public sealed class VirtioMmioTransportTests : IDisposable
{
    private readonly SimulatedGuestMemory _memory = new(1 << 20);
    private readonly RecordingInterruptLine _interrupt = new();
    private readonly VirtioConsoleDevice _console = new();
    private readonly VirtioMmioTransport _transport;

    public VirtioMmioTransportTests() => _transport = new VirtioMmioTransport(_console, _memory, _interrupt);

    public void Dispose() => _console.Dispose();

    [Fact]
    public void Probe_reads_the_version_2_identity_features_and_queue_sizes()
    {
        var driver = new VirtioMmioDriver(_transport, _memory);
        Assert.Equal(0x74726976u, driver.Read(MagicValue));
        Assert.Equal(2u, driver.Read(VersionRegister));
        Assert.Equal(3u, driver.Read(DeviceId));
        Assert.Equal(VirtioMmioTransport.VendorId, driver.Read(VendorId));

        var features = driver.ProbeAndAcknowledge();
        Assert.Equal(_console.AvailableFeatures, features);
        Assert.NotEqual(0UL, features & VersionOne);
        driver.Write(DeviceFeaturesSel, 2);
        Assert.Equal(0u, driver.Read(DeviceFeatures));

        driver.Write(QueueSel, 0);
        Assert.Equal(128u, driver.Read(QueueNumMax));
        driver.Write(QueueSel, 1);
        Assert.Equal(128u, driver.Read(QueueNumMax));
        driver.Write(QueueSel, 2);
        Assert.Equal(0u, driver.Read(QueueNumMax));
        Assert.Equal(0u, driver.Read(ConfigGeneration));
        Assert.Equal(new byte[12], driver.ReadConfig(0, 12));
        Assert.Equal(uint.MaxValue, driver.Read(0x0b0));
    }

    [Fact]
    public void Features_the_device_does_not_offer_or_a_legacy_driver_are_refused()
    {
        var driver = new VirtioMmioDriver(_transport, _memory);
        var offered = driver.ProbeAndAcknowledge();

        Assert.False(driver.NegotiateFeatures(offered | (1UL << 0)));
        Assert.Equal(Acknowledge | Driver, driver.Status);
        Assert.False(driver.NegotiateFeatures(offered & ~VersionOne));
        Assert.True(driver.NegotiateFeatures(VersionOne));
        Assert.Equal(VersionOne, _transport.DriverFeatures);

        // After FEATURES_OK the features are fixed.
        driver.Write(DriverFeaturesSel, 0);
        driver.Write(DriverFeatures, 0xffff_ffff);
        Assert.Equal(VersionOne, _transport.DriverFeatures);
    }

    [Fact]
    public void Status_only_grows_in_order_until_a_reset()
    {
        var driver = new VirtioMmioDriver(_transport, _memory);
        driver.Write(StatusRegister, Driver);
        Assert.Equal(0u, driver.Status);
        driver.Write(StatusRegister, Acknowledge);
        driver.Write(StatusRegister, Acknowledge | Driver);
        driver.Write(StatusRegister, Acknowledge);
        Assert.Equal(Acknowledge | Driver, driver.Status);
        driver.Write(StatusRegister, Acknowledge | Driver | DriverOk);
        Assert.Equal(Acknowledge | Driver, driver.Status);
        driver.Write(StatusRegister, Acknowledge | Driver | NeedsReset);
        Assert.Equal(Acknowledge | Driver, driver.Status);
        driver.Write(StatusRegister, Acknowledge | Driver | Failed);
        Assert.Equal(Acknowledge | Driver | Failed, driver.Status);
        driver.Write(StatusRegister, 0);
        Assert.Equal(0u, driver.Status);
    }

    [Fact]
    public void Queues_are_configurable_only_between_FEATURES_OK_and_DRIVER_OK()
    {
        var driver = new VirtioMmioDriver(_transport, _memory);
        driver.ProbeAndAcknowledge();
        driver.Write(QueueSel, 0);
        driver.Write(QueueNum, 16);
        driver.Write(QueueDescLow, 0x2000);
        driver.Write(QueueReady, 1);
        Assert.Equal(0u, driver.Read(QueueReady));
        Assert.Equal(0UL, _transport.Queues[0].DescriptorTableAddress);
        Assert.Equal((ushort)128, _transport.Queues[0].Size);

        Assert.True(driver.NegotiateFeatures(VersionOne));
        var queue = driver.SetupQueue(0, 16);
        Assert.Equal(queue.DescriptorTable, _transport.Queues[0].DescriptorTableAddress);
        Assert.Equal(queue.AvailRing, _transport.Queues[0].DriverAreaAddress);
        Assert.Equal(queue.UsedRing, _transport.Queues[0].DeviceAreaAddress);
        Assert.Equal((ushort)16, _transport.Queues[0].Size);

        // A ready queue keeps its layout.
        driver.Write(QueueNum, 32);
        driver.Write(QueueDescLow, 0x4000);
        Assert.Equal((ushort)16, _transport.Queues[0].Size);
        Assert.Equal(queue.DescriptorTable, _transport.Queues[0].DescriptorTableAddress);

        driver.SetupQueue(1, 16);
        driver.SetDriverOk();
        driver.Write(QueueSel, 1);
        driver.Write(QueueReady, 0);
        driver.Write(QueueNum, 8);
        Assert.Equal(1u, driver.Read(QueueReady));
        Assert.Equal((ushort)16, _transport.Queues[1].Size);
        Assert.Equal(0u, driver.Status & NeedsReset);
    }

    [Theory]
    [InlineData("size not a power of two")]
    [InlineData("size above the maximum")]
    [InlineData("size zero")]
    [InlineData("descriptor table outside memory")]
    [InlineData("used ring misaligned")]
    [InlineData("available ring across the end of memory")]
    public void An_invalid_queue_at_DRIVER_OK_makes_the_device_need_a_reset(string fault)
    {
        var driver = new VirtioMmioDriver(_transport, _memory);
        driver.ProbeAndAcknowledge();
        Assert.True(driver.NegotiateFeatures(VersionOne));
        driver.SetupQueue(0);
        driver.SetupQueue(1);
        driver.Write(QueueSel, 1);
        driver.Write(QueueReady, 0);
        switch (fault)
        {
            case "size not a power of two":
                driver.Write(QueueNum, 100);
                break;
            case "size above the maximum":
                driver.Write(QueueNum, 256);
                break;
            case "size zero":
                driver.Write(QueueNum, 0);
                break;
            case "descriptor table outside memory":
                driver.Write(QueueDescHigh, 1);
                break;
            case "used ring misaligned":
                driver.Write(QueueUsedLow, (uint)driver.Queues[1].UsedRing + 2);
                break;
            case "available ring across the end of memory":
                driver.Write(QueueAvailLow, (uint)_memory.Size - 8);
                break;
            default:
                Assert.Fail(fault);
                break;
        }

        driver.Write(QueueReady, 1);
        driver.SetDriverOk();

        Assert.Equal(NeedsReset, driver.Status & NeedsReset);
        Assert.Equal(2u, driver.AcknowledgeInterrupt());
        Assert.Equal(1, _interrupt.Count);

        // The device stays inactive: host output never reaches the guest.
        _console.HostStream.Write("x"u8);
        driver.Notify(0);
        Assert.Equal(0, driver.Queues[0].UsedIndex);
        Assert.Equal(0, _memory.OutOfRangeAccesses);
    }

    [Fact]
    public void Writing_status_zero_resets_registers_queues_and_the_device()
    {
        var driver = VirtioMmioDriver.Start(_transport, _memory);
        _console.HostStream.Write("before"u8);
        driver.Queues[0].Add(GuestBuffer.Writable(driver.Allocator.Allocate(64), 64));
        driver.Notify(0);
        Assert.Equal(1, driver.Queues[0].UsedIndex);
        Assert.Equal(1u, driver.Read(InterruptStatus));

        driver.Write(StatusRegister, 0);
        Assert.Equal(0u, driver.Status);
        Assert.Equal(0u, driver.Read(InterruptStatus));
        driver.Write(QueueSel, 0);
        Assert.Equal(0u, driver.Read(QueueReady));
        Assert.Equal(0UL, _transport.Queues[0].DescriptorTableAddress);
        Assert.Equal((ushort)0, _transport.Queues[0].NextUsed);

        // A notify after the reset is ignored; a new driver starts from index zero.
        driver.Notify(0);
        var again = VirtioMmioDriver.Start(_transport, _memory);
        var buffer = again.Allocator.Allocate(64);
        _console.HostStream.Write("after"u8);
        again.Queues[0].Add(GuestBuffer.Writable(buffer, 64));
        again.Notify(0);
        Assert.True(again.Queues[0].TryTakeUsed(out var used));
        Assert.Equal("after"u8.ToArray(), _memory.Read(buffer, (int)used.Length));
    }

    [Fact]
    public void Interrupt_ack_clears_only_the_acknowledged_causes()
    {
        var driver = VirtioMmioDriver.Start(_transport, _memory);
        _console.HostStream.Write("x"u8);
        driver.Queues[0].Add(GuestBuffer.Writable(driver.Allocator.Allocate(8), 8));
        driver.Notify(0);
        driver.Queues[1].Add(GuestBuffer.Readable(0, 0));
        driver.Notify(1);
        Assert.Equal(3u, driver.Read(InterruptStatus));
        driver.Write(InterruptAck, 2);
        Assert.Equal(1u, driver.Read(InterruptStatus));
        driver.Write(InterruptAck, 0xffff_fff0);
        Assert.Equal(1u, driver.Read(InterruptStatus));
        driver.Write(InterruptAck, 1);
        Assert.Equal(0u, driver.Read(InterruptStatus));
    }

    [Fact]
    public void Narrow_or_misaligned_register_accesses_read_zeros_and_are_ignored()
    {
        var driver = new VirtioMmioDriver(_transport, _memory);
        Span<byte> two = stackalloc byte[2];
        _transport.Read(0, two);
        Assert.Equal(0, two[0] | two[1]);
        Span<byte> misaligned = stackalloc byte[4];
        _transport.Read(1, misaligned);
        Assert.Equal(0u, BitConverter.ToUInt32(misaligned));
        _transport.Write(0x070, [1]);
        _transport.Write(0x071, [1, 0, 0, 0]);
        Assert.Equal(0u, driver.Status);
    }

    [Fact]
    public void Random_register_writes_never_throw_nor_touch_memory_outside_the_guest()
    {
        var random = new Random(1234);
        var offsets = new ulong[] { 0x14, 0x20, 0x24, 0x30, 0x38, 0x44, 0x50, 0x64, 0x70, 0x80, 0x84, 0x90, 0x94, 0xa0, 0xa4 };
        var data = new byte[8];
        for (var i = 0; i < 200_000; i++)
        {
            random.NextBytes(data);
            var offset = random.Next(4) == 0 ? (ulong)random.Next(0, 0x1000) : offsets[random.Next(offsets.Length)];
            int[] sizes = [1, 2, 4, 4, 4, 8];
            var size = sizes[random.Next(sizes.Length)];
            if (offset == 0x70 && random.Next(3) == 0)
            {
                data[0] = 0;
            }

            if (random.Next(2) == 0)
            {
                _transport.Write(offset, data.AsSpan(0, size));
            }
            else
            {
                _transport.Read(offset, data.AsSpan(0, size));
            }
        }

        Assert.Equal(0, _memory.OutOfRangeAccesses);
    }

    [Fact]
    public void Restoring_garbage_throws_InvalidDataException()
    {
        var driver = VirtioMmioDriver.Start(_transport, _memory);
        driver.Queues[1].Add(GuestBuffer.Readable(driver.Allocator.Allocate(4), 4));
        driver.Notify(1);
        var state = Snapshot.Save(_transport);

        AssertRestoreFails(_transport, []);
        AssertRestoreFails(_transport, state[..20]);
        AssertRestoreFails(_transport, state[..^1]);
        AssertRestoreFails(_transport, [.. "XXXX"u8, .. state[4..]]);

        // Field offsets: tag 4, version 1, device type 4, three selectors 12, driver features 8, status 4, interrupt status 4,
        // activated 1, queue count 4, then each queue: max size 2, size 2, ready 1, three addresses 24, indices 4, error 1.
        const int deviceType = 5, driverFeatures = 21, status = 29, interruptStatus = 33, activated = 37, queueCount = 38, queue0 = 42;
        AssertRestoreFails(_transport, With(state, deviceType, BitConverter.GetBytes(2u)));
        AssertRestoreFails(_transport, With(state, driverFeatures, BitConverter.GetBytes(ulong.MaxValue)));
        AssertRestoreFails(_transport, With(state, status, BitConverter.GetBytes(0x100u | 0x0f)));
        AssertRestoreFails(_transport, With(state, interruptStatus, BitConverter.GetBytes(4u)));
        AssertRestoreFails(_transport, With(state, activated, [2]));
        AssertRestoreFails(_transport, With(state, queueCount, BitConverter.GetBytes(3)));
        AssertRestoreFails(_transport, With(state, queueCount, BitConverter.GetBytes(-1)));
        AssertRestoreFails(_transport, With(state, queue0, BitConverter.GetBytes((ushort)256)));
        AssertRestoreFails(_transport, With(state, queue0 + 2, BitConverter.GetBytes((ushort)100)));
        AssertRestoreFails(_transport, With(state, queue0 + 5, BitConverter.GetBytes(_memory.Size)));
        AssertRestoreFails(_transport, With(state, queue0 + 33, [200]));

        // The console's own state comes after the queues.
        var consoleState = state.Length - Snapshot.Save(_console).Length;
        AssertRestoreFails(_transport, With(state, consoleState + 5, BitConverter.GetBytes(int.MaxValue)));

        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var garbage = (byte[])state.Clone();
            garbage[random.Next(5, garbage.Length)] ^= (byte)random.Next(1, 256);
            var fresh = new VirtioMmioTransport(new VirtioConsoleDevice(), _memory.Clone(), new RecordingInterruptLine());
            using var reader = new BinaryReader(new MemoryStream(garbage));
            try
            {
                fresh.Restore(reader);
            }
            catch (InvalidDataException)
            {
                // Expected for most changes; anything else fails the test.
            }
        }

        using var disk = new TemporaryDisk(8);
        using var block = new VirtioBlockDevice(disk.Path, readOnly: true);
        AssertRestoreFails(new VirtioMmioTransport(block, _memory, _interrupt), state);

        // The transport still works after every failed restore.
        Snapshot.Restore(_transport, state);
    }

    private static byte[] With(byte[] state, int offset, byte[] bytes)
    {
        var changed = (byte[])state.Clone();
        bytes.CopyTo(changed, offset);
        return changed;
    }

    private static void AssertRestoreFails(VirtioMmioTransport transport, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        Assert.Throws<InvalidDataException>(() => transport.Restore(reader));
    }
}
