using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Devices.VirtioConsole;
using Faas.Vmm.Tests.Devices.Support;
using static Faas.Vmm.Tests.Devices.Support.GuestVirtq;

namespace Faas.Vmm.Tests.Devices.Virtio;

public sealed class VirtQueueTests : IDisposable
{
    private const ushort QueueSize = 16;

    private readonly SimulatedGuestMemory _memory = new(1 << 20);
    private readonly RecordingInterruptLine _interrupt = new();
    private readonly VirtioConsoleDevice _console = new();
    private readonly VirtioMmioTransport _transport;
    private readonly VirtioMmioDriver _driver;

    public VirtQueueTests()
    {
        _transport = new VirtioMmioTransport(_console, _memory, _interrupt);
        _driver = VirtioMmioDriver.Start(_transport, _memory, queueSize: QueueSize);
    }

    private GuestVirtq Transmit => _driver.Queues[VirtioConsoleDevice.TransmitQueue];

    public void Dispose() => _console.Dispose();

    [Theory]
    [InlineData(VirtQueueError.DescriptorIndexOutOfRange, "head out of range")]
    [InlineData(VirtQueueError.DescriptorIndexOutOfRange, "next out of range")]
    [InlineData(VirtQueueError.DescriptorIndexOutOfRange, "indirect next out of range")]
    [InlineData(VirtQueueError.ChainTooLong, "loop")]
    [InlineData(VirtQueueError.ChainTooLong, "indirect loop")]
    [InlineData(VirtQueueError.ChainTooLong, "indirect chain longer than the queue")]
    [InlineData(VirtQueueError.BufferOutsideMemory, "buffer across the end of memory")]
    [InlineData(VirtQueueError.BufferOutsideMemory, "buffer address wrapping around")]
    [InlineData(VirtQueueError.ZeroLengthBuffer, "zero-length buffer")]
    [InlineData(VirtQueueError.ReadableAfterWritable, "readable after writable")]
    [InlineData(VirtQueueError.InvalidIndirectTable, "empty indirect table")]
    [InlineData(VirtQueueError.InvalidIndirectTable, "indirect table of a partial descriptor")]
    [InlineData(VirtQueueError.InvalidIndirectTable, "indirect with next")]
    [InlineData(VirtQueueError.IndirectTableOutsideMemory, "indirect table outside memory")]
    [InlineData(VirtQueueError.NestedIndirect, "nested indirect")]
    [InlineData(VirtQueueError.AvailIndexOutOfRange, "available index too far ahead")]
    public void A_malformed_chain_breaks_the_queue_and_asks_for_a_reset_without_throwing(VirtQueueError expected, string fault)
    {
        var data = _driver.Allocator.Allocate(64);
        var table = _driver.Allocator.Allocate(16 * 64);
        var end = _memory.Size;
        switch (fault)
        {
            case "head out of range":
                Transmit.Publish(QueueSize + 3);
                break;
            case "next out of range":
                Raw(0, data, 8, Next, QueueSize);
                break;
            case "indirect next out of range":
                Transmit.WriteDescriptor(table, 0, data, 8, Next, 2);
                Transmit.WriteDescriptor(table, 1, data, 8, 0, 0);
                Raw(0, table, 32, Indirect, 0);
                break;
            case "loop":
                Transmit.WriteDescriptor(Transmit.DescriptorTable, 0, data, 8, Next, 1);
                Raw(1, data, 8, Next, 0);
                break;
            case "indirect loop":
                Transmit.WriteDescriptor(table, 0, data, 8, Next, 1);
                Transmit.WriteDescriptor(table, 1, data, 8, Next, 0);
                Raw(0, table, 32, Indirect, 0);
                break;
            case "indirect chain longer than the queue":
                for (ushort i = 0; i <= QueueSize; i++)
                {
                    Transmit.WriteDescriptor(table, i, data, 1, i < QueueSize ? Next : (ushort)0, (ushort)(i + 1));
                }

                Raw(0, table, 16u * (QueueSize + 1), Indirect, 0);
                break;
            case "buffer across the end of memory":
                Raw(0, end - 4, 16, 0, 0);
                break;
            case "buffer address wrapping around":
                Raw(0, ulong.MaxValue - 2, 16, 0, 0);
                break;
            case "zero-length buffer":
                Raw(0, data, 0, 0, 0);
                break;
            case "readable after writable":
                Transmit.WriteDescriptor(Transmit.DescriptorTable, 0, data, 8, Write | Next, 1);
                Raw(1, data, 8, 0, 0, publish: 0);
                break;
            case "empty indirect table":
                Raw(0, table, 0, Indirect, 0);
                break;
            case "indirect table of a partial descriptor":
                Raw(0, table, 24, Indirect, 0);
                break;
            case "indirect with next":
                Transmit.WriteDescriptor(table, 0, data, 8, 0, 0);
                Transmit.WriteDescriptor(Transmit.DescriptorTable, 1, data, 8, 0, 0);
                Raw(0, table, 16, Indirect | Next, 1);
                break;
            case "indirect table outside memory":
                Raw(0, end - 16, 32, Indirect, 0);
                break;
            case "nested indirect":
                Transmit.WriteDescriptor(table, 0, table + 512, 16, Indirect, 0);
                Raw(0, table, 16, Indirect, 0);
                break;
            case "available index too far ahead":
                Transmit.SetAvailIndex(QueueSize + 1);
                break;
            default:
                Assert.Fail(fault);
                break;
        }

        _driver.Notify(VirtioConsoleDevice.TransmitQueue);

        Assert.Equal(expected, _transport.Queues[VirtioConsoleDevice.TransmitQueue].Error);
        Assert.Equal(VirtioMmioDriver.NeedsReset, _driver.Status & VirtioMmioDriver.NeedsReset);
        Assert.Equal(2u, _driver.Read(VirtioMmioDriver.InterruptStatus) & 2u);
        Assert.Equal(1, _interrupt.Count);
        Assert.Equal(0, Transmit.UsedIndex);
        Assert.Equal(0, _memory.OutOfRangeAccesses);

        // The broken queue takes nothing more; the other queue still works.
        _driver.Notify(VirtioConsoleDevice.TransmitQueue);
        Assert.Equal(1, _interrupt.Count);
        Assert.Equal(0, Transmit.UsedIndex);
        _console.HostStream.Write("still"u8);
        var receiveBuffer = _driver.Allocator.Allocate(8);
        _driver.Queues[VirtioConsoleDevice.ReceiveQueue].Add(GuestBuffer.Writable(receiveBuffer, 8));
        _driver.Notify(VirtioConsoleDevice.ReceiveQueue);
        Assert.Equal("still"u8.ToArray(), _memory.Read(receiveBuffer, 5));

        // A reset brings the queue back.
        var again = VirtioMmioDriver.Start(_transport, _memory, queueSize: QueueSize);
        Assert.Equal(VirtQueueError.None, _transport.Queues[VirtioConsoleDevice.TransmitQueue].Error);
        var text = again.Allocator.Allocate(8);
        _memory.Write(text, "back"u8);
        again.Queues[VirtioConsoleDevice.TransmitQueue].Add(GuestBuffer.Readable(text, 4));
        again.Notify(VirtioConsoleDevice.TransmitQueue);
        var read = new byte[4];
        _console.HostStream.ReadExactly(read);
        Assert.Equal("back"u8.ToArray(), read);
    }

    [Fact]
    public void Indices_wrap_around_past_65535_in_both_directions()
    {
        const int transfers = 70_000;
        var receive = _driver.Queues[VirtioConsoleDevice.ReceiveQueue];
        var guestByte = _driver.Allocator.Allocate(1);
        var received = new byte[transfers];
        for (var i = 0; i < transfers; i++)
        {
            _memory.Write(guestByte, [(byte)(i * 7)]);
            Transmit.Add(GuestBuffer.Readable(guestByte, 1));
            _driver.Notify(VirtioConsoleDevice.TransmitQueue);
            Assert.True(Transmit.TryTakeUsed(out _));
            if (i % 1000 == 999)
            {
                _console.HostStream.ReadExactly(received.AsSpan(i - 999, 1000));
            }
        }

        Assert.Equal(unchecked((ushort)transfers), Transmit.UsedIndex);
        Assert.Equal(unchecked((ushort)transfers), _transport.Queues[VirtioConsoleDevice.TransmitQueue].NextAvail);
        Assert.Equal(Enumerable.Range(0, transfers).Select(i => (byte)(i * 7)), received);

        var hostBytes = Enumerable.Range(0, transfers).Select(i => (byte)(i * 13)).ToArray();
        _console.HostStream.Write(hostBytes.AsSpan(0, 60_000));
        var delivered = new List<byte>(transfers);
        for (var i = 0; i < transfers; i++)
        {
            if (i == 30_000)
            {
                _console.HostStream.Write(hostBytes.AsSpan(60_000));
            }

            receive.Add(GuestBuffer.Writable(guestByte, 1));
            _driver.Notify(VirtioConsoleDevice.ReceiveQueue);
            Assert.True(receive.TryTakeUsed(out var used));
            Assert.Equal(1u, used.Length);
            delivered.Add(_memory.Read(guestByte, 1)[0]);
        }

        Assert.Equal(unchecked((ushort)transfers), receive.UsedIndex);
        Assert.Equal(hostBytes, delivered);
        Assert.Equal(0u, _driver.Status & VirtioMmioDriver.NeedsReset);
    }

    [Fact]
    public void A_queue_used_on_its_own_pops_chains_and_publishes_used_elements()
    {
        var memory = new SimulatedGuestMemory(1 << 16);
        var allocator = new GuestAllocator(0x1000, memory.Size);
        var guest = new GuestVirtq(memory, allocator, 4);
        var queue = new VirtQueue(memory, 8)
        {
            Size = 4,
            DescriptorTableAddress = guest.DescriptorTable,
            DriverAreaAddress = guest.AvailRing,
            DeviceAreaAddress = guest.UsedRing,
            Ready = true,
        };
        Assert.True(queue.IsValid);
        var chain = new DescriptorChain();
        Assert.Equal(VirtQueuePopResult.Empty, queue.TryPop(chain));

        var header = allocator.Allocate(16);
        var body = allocator.Allocate(100);
        memory.Write(header, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray());
        memory.Write(body, Enumerable.Range(100, 100).Select(i => (byte)i).ToArray());
        var status = allocator.Allocate(4);
        var head = guest.Add(GuestBuffer.Readable(header, 16), GuestBuffer.Readable(body, 100), GuestBuffer.Writable(status, 4));

        Assert.Equal(VirtQueuePopResult.Chain, queue.TryPop(chain));
        Assert.Equal(head, chain.Head);
        Assert.Equal(116, chain.ReadableLength);
        Assert.Equal(4, chain.WritableLength);
        var span = new byte[20];
        Assert.True(chain.TryRead(10, span));
        Assert.Equal(new byte[] { 10, 11, 12, 13, 14, 15, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113 }, span);
        Assert.False(chain.TryRead(100, span));
        Assert.True(chain.TryWrite(1, [7, 8, 9]));
        Assert.False(chain.TryWrite(2, [7, 8, 9]));
        Assert.Equal(new byte[] { 0, 7, 8, 9 }, memory.Read(status, 4));

        queue.UndoPop();
        Assert.Equal(VirtQueuePopResult.Chain, queue.TryPop(chain));
        Assert.Equal(VirtQueuePopResult.Empty, queue.TryPop(chain));
        Assert.True(queue.AddUsed(chain.Head, 3));
        Assert.True(guest.TryTakeUsed(out var used));
        Assert.Equal(new UsedElement(head, 3), used);

        Assert.False(queue.AddUsed(4, 0));
        Assert.Equal(VirtQueueError.UsedHeadOutOfRange, queue.Error);
        Assert.Equal(VirtQueuePopResult.Broken, queue.TryPop(chain));
        queue.Reset();
        Assert.False(queue.IsBroken);
        Assert.False(queue.Ready);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtQueue(memory, 12));
    }

    /// <summary>Writes descriptor <paramref name="index"/> of the transmit queue's table and makes descriptor <paramref name="publish"/> available.</summary>
    private void Raw(ushort index, ulong address, uint length, ushort flags, ushort next, ushort? publish = null)
    {
        Transmit.WriteDescriptor(Transmit.DescriptorTable, index, address, length, flags, next);
        Transmit.Publish(publish ?? index);
    }
}
