using Faas.Vmm.Devices;
using Faas.Vmm.Devices.Bus;

namespace Faas.Vmm.Tests.Devices.Bus;

public sealed class DeviceBusTests
{
    [Fact]
    public void Accesses_reach_the_device_holding_them_with_the_offset_from_its_base()
    {
        var bus = new DeviceBus();
        var low = new RecordingDevice(0x10);
        var high = new RecordingDevice(0x20);
        bus.Insert(0x3f8, 8, low);
        bus.Insert(0xd000_0000, 0x1000, high);

        Span<byte> data = stackalloc byte[1];
        Assert.True(bus.Read(0x3fd, data));
        Assert.Equal(0x10 + 5, data[0]);
        Assert.True(bus.Write(0xd000_0070, [1, 2, 3, 4]));
        Assert.Equal((0x70UL, 4), high.LastWrite);
        Span<byte> word = stackalloc byte[4];
        Assert.True(bus.Read(0xd000_0ffc, word));
        Assert.Equal(unchecked((byte)(0x20 + 0xfc)), word[0]);
    }

    [Fact]
    public void Accesses_outside_every_device_or_across_a_device_end_are_refused()
    {
        var bus = new DeviceBus();
        var device = new RecordingDevice(0);
        bus.Insert(0x1000, 0x100, device);

        Span<byte> data = stackalloc byte[4];
        Assert.False(bus.Read(0xfff, data[..1]));
        Assert.False(bus.Read(0x1100, data[..1]));
        Assert.False(bus.Read(0x10fe, data));
        Assert.False(bus.Write(0x10fd, data));
        Assert.False(bus.Read(ulong.MaxValue - 1, data));
        Assert.True(bus.Read(0x10fc, data));
        Assert.False(new DeviceBus().Read(0, data));
    }

    [Fact]
    public void Overlapping_empty_or_wrapping_ranges_are_rejected()
    {
        var bus = new DeviceBus();
        bus.Insert(0x1000, 0x100, new RecordingDevice(0));
        bus.Insert(0x1100, 0x100, new RecordingDevice(0));
        bus.Insert(0xfff, 1, new RecordingDevice(0));

        Assert.Throws<ArgumentException>(() => bus.Insert(0x10ff, 2, new RecordingDevice(0)));
        Assert.Throws<ArgumentException>(() => bus.Insert(0x0, 0x1001, new RecordingDevice(0)));
        Assert.Throws<ArgumentException>(() => bus.Insert(0x1050, 1, new RecordingDevice(0)));
        Assert.Throws<ArgumentException>(() => bus.Insert(0x0, 0x10000, new RecordingDevice(0)));
        Assert.Throws<ArgumentException>(() => bus.Insert(0x5000, 0, new RecordingDevice(0)));
        Assert.Throws<ArgumentException>(() => bus.Insert(ulong.MaxValue, 2, new RecordingDevice(0)));
        bus.Insert(ulong.MaxValue, 1, new RecordingDevice(0x7));
        Span<byte> data = stackalloc byte[1];
        Assert.True(bus.Read(ulong.MaxValue, data));
        Assert.Equal(0x7, data[0]);
    }

    [Fact]
    public async Task Lookups_from_many_threads_see_every_device_while_more_are_inserted()
    {
        var bus = new DeviceBus();
        for (ulong i = 0; i < 64; i++)
        {
            bus.Insert(i * 0x1000, 0x100, new RecordingDevice((byte)i));
        }

        using var stop = new CancellationTokenSource();
        var failures = 0;
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            Span<byte> data = stackalloc byte[1];
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                var device = (ulong)random.Next(64);
                if (!bus.Read((device * 0x1000) + 0x10, data) || data[0] != (byte)(device + 0x10))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        for (ulong i = 64; i < 512; i++)
        {
            bus.Insert(i * 0x1000, 0x100, new RecordingDevice((byte)i));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Span<byte> last = stackalloc byte[1];
        Assert.True(bus.Read((511 * 0x1000) + 1, last));
        Assert.Equal(unchecked((byte)(511 + 1)), last[0]);
    }

    /// <summary>Reads back its base value plus the offset; remembers the last write.</summary>
    private sealed class RecordingDevice(byte value) : IBusDevice
    {
        public (ulong Offset, int Length) LastWrite { get; private set; }

        public void Read(ulong offset, Span<byte> data)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(value + offset + (ulong)i);
            }
        }

        public void Write(ulong offset, ReadOnlySpan<byte> data) => LastWrite = (offset, data.Length);
    }
}
