using System.Buffers.Binary;
using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Devices.VirtioBlock;
using Faas.Vmm.Tests.Devices.Support;

namespace Faas.Vmm.Tests.Devices.VirtioBlock;

public sealed class VirtioBlockDeviceTests : IDisposable
{
    private const uint In = 0, Out = 1, Flush = 4, GetId = 8;
    private const byte Ok = 0, IoError = 1, Unsupported = 2;
    private const int Sectors = 64;

    private readonly TemporaryDisk _disk = new(Sectors, "sha256-0123456789abcdef0123456789abcdef.erofs");
    private readonly SimulatedGuestMemory _memory = new(2 << 20);
    private readonly RecordingInterruptLine _interrupt = new();
    private readonly GuestAllocator _buffers = new(1 << 20, 2 << 20);

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void Features_and_configuration_describe_the_disk()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: false);
        var driver = new VirtioMmioDriver(new VirtioMmioTransport(device, _memory, _interrupt), _memory);
        var features = driver.ProbeAndAcknowledge();
        Assert.Equal(2u, driver.Read(VirtioMmioDriver.DeviceId));
        Assert.Equal(0UL, features & (1UL << 5));
        Assert.NotEqual(0UL, features & (1UL << 9));
        Assert.NotEqual(0UL, features & (1UL << 28));
        Assert.Equal((ulong)Sectors, BinaryPrimitives.ReadUInt64LittleEndian(driver.ReadConfig(0, 8)));
        Assert.Equal(254u, BinaryPrimitives.ReadUInt32LittleEndian(driver.ReadConfig(12, 4)));
        Assert.Equal((byte)Sectors, driver.ReadConfig(0, 1)[0]);
        Assert.Equal(new byte[4], driver.ReadConfig(0x100, 4));
        Assert.Throws<IOException>(() => new VirtioBlockDevice(_disk.Path, readOnly: true));
        device.Dispose();

        using var readOnly = new VirtioBlockDevice(_disk.Path, readOnly: true);
        Assert.NotEqual(0UL, readOnly.AvailableFeatures & (1UL << 5));
    }

    [Fact]
    public void Writes_then_reads_go_to_the_file_across_split_buffers_and_indirect_tables()
    {
        using (var device = new VirtioBlockDevice(_disk.Path, readOnly: false))
        {
            var driver = Start(device);
            var data = new byte[1536];
            new Random(11).NextBytes(data);
            var first = Put(data.AsSpan(0, 512));
            var second = Put(data.AsSpan(512));
            var (head, status) = Request(driver, Out, 10, GuestBuffer.Readable(first, 512), GuestBuffer.Readable(second, 1024));
            driver.Notify(0);
            Assert.Equal(new UsedElement(head, 1), Used(driver));
            Assert.Equal(Ok, _memory.Read(status, 1)[0]);
            Assert.Equal(1u, driver.AcknowledgeInterrupt());

            var parts = new[] { Allocate(100), Allocate(1000), Allocate(436) };
            (head, status) = Request(
                driver, In, 10, GuestBuffer.Writable(parts[0], 100), GuestBuffer.Writable(parts[1], 1000), GuestBuffer.Writable(parts[2], 436));
            driver.Notify(0);
            Assert.Equal(new UsedElement(head, 1537), Used(driver));
            Assert.Equal(Ok, _memory.Read(status, 1)[0]);
            Assert.Equal(data, _memory.Read(parts[0], 100).Concat(_memory.Read(parts[1], 1000)).Concat(_memory.Read(parts[2], 436)).ToArray());

            // The same read through an indirect table, as Linux sends it once VIRTIO_RING_F_INDIRECT_DESC is negotiated.
            var header = Header(In, 10);
            var target = Allocate(1536);
            status = Allocate(1);
            head = driver.Queues[0].AddIndirect(
                Allocate(48), GuestBuffer.Readable(header, 16), GuestBuffer.Writable(target, 1536), GuestBuffer.Writable(status, 1));
            driver.Notify(0);
            Assert.Equal(new UsedElement(head, 1537), Used(driver));
            Assert.Equal(data, _memory.Read(target, 1536));

            // The request that also writes the whole last sector.
            var last = Put(new byte[512]);
            (_, status) = Request(driver, Out, Sectors - 1, GuestBuffer.Readable(last, 512));
            driver.Notify(0);
            Used(driver);
            Assert.Equal(Ok, _memory.Read(status, 1)[0]);
            (_, status) = Request(driver, Flush, 0);
            driver.Notify(0);
            Assert.Equal(1u, Used(driver).Length);
            Assert.Equal(Ok, _memory.Read(status, 1)[0]);
        }

        var file = File.ReadAllBytes(_disk.Path);
        var expected = (byte[])_disk.Content.Clone();
        var written = new byte[1536];
        new Random(11).NextBytes(written);
        written.CopyTo(expected, 10 * 512);
        Array.Clear(expected, (Sectors - 1) * 512, 512);
        Assert.Equal(expected, file);
    }

    [Fact]
    public void Get_id_returns_the_first_20_bytes_of_the_image_name()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: true);
        var driver = Start(device);
        var id = Allocate(20);
        var (head, status) = Request(driver, GetId, 0, GuestBuffer.Writable(id, 20));
        driver.Notify(0);
        Assert.Equal(new UsedElement(head, 21), Used(driver));
        Assert.Equal(Ok, _memory.Read(status, 1)[0]);
        Assert.Equal("sha256-0123456789abc"u8.ToArray(), _memory.Read(id, 20));
    }

    [Theory]
    [InlineData((ulong)Sectors, 512)]
    [InlineData((ulong)Sectors - 1, 1024)]
    [InlineData(ulong.MaxValue, 512)]
    [InlineData(ulong.MaxValue / 512, 512)]
    [InlineData(0UL, 100)]
    [InlineData(0UL, 513)]
    public void Requests_beyond_the_disk_or_of_partial_sectors_fail_with_IOERR(ulong sector, int length)
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: false);
        var driver = Start(device);
        var buffer = Allocate((ulong)length);
        var (_, readStatus) = Request(driver, In, sector, GuestBuffer.Writable(buffer, (uint)length));
        var (_, writeStatus) = Request(driver, Out, sector, GuestBuffer.Readable(buffer, (uint)length));
        driver.Notify(0);
        Assert.Equal(2, driver.Queues[0].TakeAllUsed().Count);
        Assert.Equal(IoError, _memory.Read(readStatus, 1)[0]);
        Assert.Equal(IoError, _memory.Read(writeStatus, 1)[0]);
        Assert.Equal(0u, driver.Status & VirtioMmioDriver.NeedsReset);
        device.Dispose();
        Assert.Equal(_disk.Content, File.ReadAllBytes(_disk.Path));
    }

    [Fact]
    public void A_read_only_disk_refuses_writes_and_serves_reads()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: true);
        var driver = Start(device);
        var buffer = Put(new byte[512]);
        var (_, writeStatus) = Request(driver, Out, 3, GuestBuffer.Readable(buffer, 512));
        var target = Allocate(512);
        var (_, readStatus) = Request(driver, In, 3, GuestBuffer.Writable(target, 512));
        var (_, flushStatus) = Request(driver, Flush, 0);
        driver.Notify(0);
        Assert.Equal(3, driver.Queues[0].TakeAllUsed().Count);
        Assert.Equal(IoError, _memory.Read(writeStatus, 1)[0]);
        Assert.Equal(Ok, _memory.Read(readStatus, 1)[0]);
        Assert.Equal(Ok, _memory.Read(flushStatus, 1)[0]);
        Assert.Equal(_disk.Content.AsSpan(3 * 512, 512).ToArray(), _memory.Read(target, 512));
        Assert.Equal(_disk.Content, File.ReadAllBytes(_disk.Path));
    }

    [Fact]
    public void Unknown_types_are_unsupported_and_requests_without_a_status_byte_are_returned_empty()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: false);
        var driver = Start(device);
        var (_, status) = Request(driver, 11, 0);
        var header = Header(In, 0);
        var noStatus = driver.Queues[0].Add(GuestBuffer.Readable(header, 16));
        var shortHeader = Allocate(8);
        var shortStatus = Allocate(1);
        driver.Queues[0].Add(GuestBuffer.Readable(shortHeader, 8), GuestBuffer.Writable(shortStatus, 1));
        driver.Notify(0);

        var used = driver.Queues[0].TakeAllUsed();
        Assert.Equal(3, used.Count);
        Assert.Equal(Unsupported, _memory.Read(status, 1)[0]);
        Assert.Equal(new UsedElement(noStatus, 0), used[1]);
        Assert.Equal(IoError, _memory.Read(shortStatus, 1)[0]);
        Assert.Equal(0u, driver.Status & VirtioMmioDriver.NeedsReset);
    }

    [Fact]
    public void Requests_wait_for_the_notify()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: true);
        var driver = Start(device);
        var target = Allocate(512);
        Request(driver, In, 1, GuestBuffer.Writable(target, 512));
        Assert.Equal(0, driver.Queues[0].UsedIndex);
        Assert.Equal(0, _interrupt.Count);
        driver.Notify(0);
        Assert.Equal(1, driver.Queues[0].UsedIndex);
        Assert.Equal(1, _interrupt.Count);
    }

    [Fact]
    public void A_snapshot_with_requests_in_flight_is_served_after_the_restore()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: true);
        var transport = new VirtioMmioTransport(device, _memory, _interrupt);
        var driver = VirtioMmioDriver.Start(transport, _memory);
        var targets = Enumerable.Range(0, 4).Select(_ => Allocate(1024)).ToArray();
        Request(driver, In, 0, GuestBuffer.Writable(targets[0], 1024));
        driver.Notify(0);
        Used(driver);
        for (var i = 1; i < targets.Length; i++)
        {
            Request(driver, In, (ulong)(i * 2), GuestBuffer.Writable(targets[i], 1024));
        }

        var state = Snapshot.Save(transport);
        using var restoredDevice = new VirtioBlockDevice(_disk.Path, readOnly: true);
        var restored = new VirtioMmioTransport(restoredDevice, _memory, new RecordingInterruptLine());
        Assert.Equal(1, transport.Queues[0].NextAvail);
        Snapshot.Restore(restored, state);
        driver.MoveTo(restored);

        // The restored device serves what is waiting at once, without waiting for a notify the guest already gave or will give.
        Assert.Equal(4, restored.Queues[0].NextAvail);
        driver.Notify(0);
        Assert.Equal(3, driver.Queues[0].TakeAllUsed().Count);
        for (var i = 0; i < targets.Length; i++)
        {
            Assert.Equal(_disk.Content.AsSpan(i * 1024, 1024).ToArray(), _memory.Read(targets[i], 1024));
        }

        using var biggerDisk = new TemporaryDisk(Sectors + 1);
        using (var bigger = new VirtioBlockDevice(biggerDisk.Path, readOnly: true))
        {
            using var reader = new BinaryReader(new MemoryStream(state));
            Assert.Throws<InvalidDataException>(() => new VirtioMmioTransport(bigger, _memory, _interrupt).Restore(reader));
        }

        using var sameSizeDisk = new TemporaryDisk(Sectors);
        using var writable = new VirtioBlockDevice(sameSizeDisk.Path, readOnly: false);
        using var deviceState = new BinaryReader(new MemoryStream(Snapshot.Save(device)));
        Assert.Throws<InvalidDataException>(() => writable.Restore(deviceState));
    }

    [Fact]
    public void Many_requests_wrap_the_ring_indices()
    {
        using var device = new VirtioBlockDevice(_disk.Path, readOnly: true);
        var transport = new VirtioMmioTransport(device, _memory, _interrupt);
        var driver = VirtioMmioDriver.Start(transport, _memory, queueSize: 4);
        var id = Allocate(20);
        var header = Header(GetId, 0);
        var status = Allocate(1);
        for (var i = 0; i < 66_000; i++)
        {
            driver.Queues[0].Add(GuestBuffer.Readable(header, 16), GuestBuffer.Writable(id, 20), GuestBuffer.Writable(status, 1));
            driver.Notify(0);
            Assert.True(driver.Queues[0].TryTakeUsed(out var used));
            Assert.Equal(21u, used.Length);
        }

        Assert.Equal(unchecked((ushort)66_000), driver.Queues[0].UsedIndex);
        Assert.Equal(unchecked((ushort)66_000), transport.Queues[0].NextUsed);
        Assert.Equal(Ok, _memory.Read(status, 1)[0]);
    }

    private VirtioMmioDriver Start(VirtioBlockDevice device) => VirtioMmioDriver.Start(new VirtioMmioTransport(device, _memory, _interrupt), _memory);

    private static UsedElement Used(VirtioMmioDriver driver)
    {
        Assert.True(driver.Queues[0].TryTakeUsed(out var used));
        return used;
    }

    /// <summary>Makes a request available: header, the data buffers, a one-byte status; returns the chain's head and the status address.</summary>
    private (ushort Head, ulong Status) Request(VirtioMmioDriver driver, uint type, ulong sector, params GuestBuffer[] data)
    {
        var header = Header(type, sector);
        var status = Allocate(1);
        _memory.Write(status, [0xff]);
        var head = driver.Queues[0].Add([GuestBuffer.Readable(header, 16), .. data, GuestBuffer.Writable(status, 1)]);
        return (head, status);
    }

    private ulong Header(uint type, ulong sector)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, type);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), sector);
        return Put(header);
    }

    private ulong Put(ReadOnlySpan<byte> bytes)
    {
        var address = Allocate((ulong)bytes.Length);
        _memory.Write(address, bytes);
        return address;
    }

    /// <summary>Data buffers live above the rings the driver allocates from the bottom of memory.</summary>
    private ulong Allocate(ulong size) => _buffers.Allocate(size);
}
