using System.Diagnostics;
using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Devices.VirtioConsole;
using Faas.Vmm.Tests.Devices.Support;

namespace Faas.Vmm.Tests.Devices.VirtioConsole;

public sealed class VirtioConsoleDeviceTests : IDisposable
{
    private const int Receive = VirtioConsoleDevice.ReceiveQueue;
    private const int Transmit = VirtioConsoleDevice.TransmitQueue;

    private readonly SimulatedGuestMemory _memory = new(4 << 20);
    private readonly RecordingInterruptLine _interrupt = new();
    private readonly VirtioConsoleDevice _console = new();
    private readonly VirtioMmioTransport _transport;
    private readonly VirtioMmioDriver _driver;

    public VirtioConsoleDeviceTests()
    {
        _transport = new VirtioMmioTransport(_console, _memory, _interrupt);
        _driver = VirtioMmioDriver.Start(_transport, _memory);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _console.Dispose();

    [Fact]
    public void The_guest_transmits_chains_of_several_buffers_to_the_host()
    {
        var hello = Put("hello "u8);
        var world = Put("world"u8);
        var head = _driver.Queues[Transmit].Add(GuestBuffer.Readable(hello, 6), GuestBuffer.Readable(world, 5));
        _driver.Notify(Transmit);

        Assert.True(_driver.Queues[Transmit].TryTakeUsed(out var used));
        Assert.Equal(new UsedElement(head, 0), used);
        Assert.Equal(1u, _driver.AcknowledgeInterrupt());
        Assert.Equal(1, _interrupt.Count);
        var read = new byte[11];
        _console.HostStream.ReadExactly(read);
        Assert.Equal("hello world"u8.ToArray(), read);
    }

    [Fact]
    public void Host_bytes_written_before_the_guest_has_buffers_arrive_when_it_adds_them()
    {
        _console.HostStream.Write("abcdefghij"u8);
        Assert.Equal(0, _interrupt.Count);

        var buffers = Enumerable.Range(0, 3).Select(_ => _driver.Allocator.Allocate(4)).ToArray();
        foreach (var buffer in buffers)
        {
            _driver.Queues[Receive].Add(GuestBuffer.Writable(buffer, 4));
        }

        _driver.Notify(Receive);
        var used = _driver.Queues[Receive].TakeAllUsed();
        Assert.Equal([4u, 4u, 2u], used.Select(u => u.Length));
        Assert.Equal("abcdefghij"u8.ToArray(), buffers.SelectMany((b, i) => _memory.Read(b, (int)used[i].Length)));
        Assert.Equal(1, _interrupt.Count);

        // With a buffer already waiting, a host write is delivered at once.
        var waiting = _driver.Allocator.Allocate(16);
        _driver.Queues[Receive].Add(GuestBuffer.Writable(waiting, 16));
        _driver.Notify(Receive);
        _console.HostStream.Write("now"u8);
        Assert.True(_driver.Queues[Receive].TryTakeUsed(out var now));
        Assert.Equal(3u, now.Length);
        Assert.Equal("now"u8.ToArray(), _memory.Read(waiting, 3));
        Assert.Equal(2, _interrupt.Count);
    }

    [Fact]
    public async Task One_MiB_crosses_both_ways_at_once_in_random_chunks()
    {
        const int total = 1 << 20;
        var random = new Random(2024);
        var toGuest = new byte[total];
        var toHost = new byte[total];
        random.NextBytes(toGuest);
        random.NextBytes(toHost);
        var deadline = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(90);

        var hostWriter = Task.Run(async () =>
        {
            var chunks = new Random(1);
            for (var offset = 0; offset < total;)
            {
                var length = Math.Min(chunks.Next(1, 70_000), total - offset);
                await _console.HostStream.WriteAsync(toGuest.AsMemory(offset, length), Cancellation);
                offset += length;
            }
        }, Cancellation);

        var hostReader = Task.Run(async () =>
        {
            var chunks = new Random(2);
            var received = new byte[total];
            for (var offset = 0; offset < total;)
            {
                var length = Math.Min(chunks.Next(1, 50_000), total - offset);
                var read = await _console.HostStream.ReadAsync(received.AsMemory(offset, length), Cancellation);
                Assert.NotEqual(0, read);
                offset += read;
            }

            return received;
        }, Cancellation);

        var guest = Task.Run(() => RunGuest(toHost, total, deadline, timeout), Cancellation);

        var guestReceived = await guest.WaitAsync(timeout, Cancellation);
        await hostWriter.WaitAsync(timeout, Cancellation);
        var hostReceived = await hostReader.WaitAsync(timeout, Cancellation);
        Assert.Equal(toGuest, guestReceived);
        Assert.Equal(toHost, hostReceived);
        Assert.Equal(0u, _driver.Status & VirtioMmioDriver.NeedsReset);
        Assert.Equal(0, _memory.OutOfRangeAccesses);
    }

    [Fact]
    public void A_host_that_does_not_read_stops_the_device_taking_the_guests_buffers()
    {
        const int chunk = 5000;
        var transmit = _driver.Queues[Transmit];
        var sent = new List<byte>();
        var random = new Random(9);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[chunk];
            random.NextBytes(bytes);
            sent.AddRange(bytes);
            transmit.Add(GuestBuffer.Readable(Put(bytes), chunk));
        }

        _driver.Notify(Transmit);

        // 26 whole chains fit in the host buffer; the 27th is taken in part and stays with the device.
        var fitting = VirtioConsoleDevice.ToHostCapacity / chunk;
        Assert.Equal(fitting, transmit.TakeAllUsed().Count);
        _driver.Notify(Transmit);
        Assert.Empty(transmit.TakeAllUsed());

        var received = new byte[sent.Count];
        _console.HostStream.ReadExactly(received.AsSpan(0, 4096));
        Assert.Single(transmit.TakeAllUsed());

        var offset = 4096;
        while (offset < received.Length)
        {
            offset += _console.HostStream.Read(received.AsSpan(offset));
        }

        Assert.Equal(40 - fitting - 1, transmit.TakeAllUsed().Count);
        Assert.Equal(0, transmit.InFlight);
        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task A_guest_without_receive_buffers_holds_host_writes_once_the_device_buffer_is_full()
    {
        var payload = new byte[VirtioConsoleDevice.ToGuestCapacity + 40_000];
        new Random(4).NextBytes(payload);
        var write = _console.HostStream.WriteAsync(payload, Cancellation).AsTask();
        await Task.Delay(200, Cancellation);
        Assert.False(write.IsCompleted);

        var received = new List<byte>();
        var buffer = _driver.Allocator.Allocate(4096);
        while (received.Count < payload.Length)
        {
            _driver.Queues[Receive].Add(GuestBuffer.Writable(buffer, 4096));
            _driver.Notify(Receive);
            var deadline = Stopwatch.StartNew();
            UsedElement used;
            while (!_driver.Queues[Receive].TryTakeUsed(out used))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the host write was not delivered");
                await Task.Delay(1, Cancellation);
                _driver.Notify(Receive);
            }

            received.AddRange(_memory.Read(buffer, (int)used.Length));
        }

        await write.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        Assert.Equal(payload, received);
    }

    [Fact]
    public async Task A_pending_read_can_be_cancelled_and_a_disposed_device_ends_the_stream()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _console.HostStream.ReadExactlyAsync(new byte[8], cancel.Token));

        _driver.Queues[Transmit].Add(GuestBuffer.Readable(Put("last words"u8), 10));
        _driver.Notify(Transmit);
        var pendingRead = new byte[64];
        var read = _console.HostStream.ReadAsync(pendingRead.AsMemory(0, 4), Cancellation).AsTask();
        Assert.Equal(4, await read);
        Assert.Single(_driver.Queues[Transmit].TakeAllUsed());

        _console.Dispose();
        var rest = new byte[64];
        Assert.Equal(6, await _console.HostStream.ReadAsync(rest, Cancellation));
        Assert.Equal("words"u8.ToArray(), rest[1..6]);
        Assert.Equal(0, await _console.HostStream.ReadAsync(rest, Cancellation));
        await Assert.ThrowsAsync<IOException>(async () => await _console.HostStream.WriteAsync(new byte[1], Cancellation));

        // The guest's output is discarded rather than left waiting for a host that is gone.
        var big = new byte[VirtioConsoleDevice.ToHostCapacity * 2];
        _driver.Queues[Transmit].Add(GuestBuffer.Readable(Put(big), (uint)big.Length));
        _driver.Notify(Transmit);
        Assert.Single(_driver.Queues[Transmit].TakeAllUsed());
    }

    [Fact]
    public async Task A_snapshot_taken_mid_transfer_resumes_both_directions_without_losing_a_byte()
    {
        var random = new Random(77);
        var toHost = new byte[VirtioConsoleDevice.ToHostCapacity + 30_000];
        random.NextBytes(toHost);
        for (var offset = 0; offset < toHost.Length; offset += 7000)
        {
            var length = Math.Min(7000, toHost.Length - offset);
            _driver.Queues[Transmit].Add(GuestBuffer.Readable(Put(toHost.AsSpan(offset, length)), (uint)length));
        }

        _driver.Notify(Transmit);
        var hostReceived = new byte[toHost.Length];
        _console.HostStream.ReadExactly(hostReceived.AsSpan(0, 1000));
        var toGuest = new byte[20_000];
        random.NextBytes(toGuest);
        await _console.HostStream.WriteAsync(toGuest, Cancellation);

        var state = Snapshot.Save(_transport);
        using var restoredConsole = new VirtioConsoleDevice();
        var restoredInterrupt = new RecordingInterruptLine();
        var restored = new VirtioMmioTransport(restoredConsole, _memory, restoredInterrupt);
        Snapshot.Restore(restored, state);
        _driver.MoveTo(restored);
        Assert.Equal(_transport.Status, restored.Status);
        Assert.Equal(_transport.Queues[Transmit].NextAvail, restored.Queues[Transmit].NextAvail);

        var offsetRead = 1000;
        while (offsetRead < hostReceived.Length)
        {
            offsetRead += await restoredConsole.HostStream.ReadAsync(hostReceived.AsMemory(offsetRead), Cancellation);
        }

        Assert.Equal(toHost, hostReceived);
        var buffer = _driver.Allocator.Allocate(8192);
        var guestReceived = new List<byte>();
        while (guestReceived.Count < toGuest.Length)
        {
            _driver.Queues[Receive].Add(GuestBuffer.Writable(buffer, 8192));
            _driver.Notify(Receive);
            Assert.True(_driver.Queues[Receive].TryTakeUsed(out var used));
            guestReceived.AddRange(_memory.Read(buffer, (int)used.Length));
        }

        Assert.Equal(toGuest, guestReceived);
        _driver.Queues[Transmit].TakeAllUsed();
        Assert.Equal(0, _driver.Queues[Transmit].InFlight);
        Assert.True(restoredInterrupt.Count > 0);
    }

    [Fact]
    public void Restoring_garbage_console_state_throws_InvalidDataException()
    {
        _console.HostStream.Write("pending"u8);
        var state = Snapshot.Save(_console);
        AssertRestoreFails([]);
        AssertRestoreFails(state[..^3]);
        AssertRestoreFails([.. "CONX"u8, .. state[4..]]);
        var tooLong = (byte[])state.Clone();
        BitConverter.TryWriteBytes(tooLong.AsSpan(5), VirtioConsoleDevice.ToHostCapacity + 1);
        AssertRestoreFails(tooLong);
        var negativeOffset = (byte[])state.Clone();
        BitConverter.TryWriteBytes(negativeOffset.AsSpan(state.Length - 8), -5L);
        AssertRestoreFails(negativeOffset);

        Snapshot.Restore(_console, state);
        var buffer = _driver.Allocator.Allocate(16);
        _driver.Queues[Receive].Add(GuestBuffer.Writable(buffer, 16));
        _driver.Notify(Receive);

        // A restored device waits for its transport to activate it again.
        Assert.Equal(0, _driver.Queues[Receive].UsedIndex);
    }

    private void AssertRestoreFails(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        Assert.Throws<InvalidDataException>(() => _console.Restore(reader));
    }

    private ulong Put(ReadOnlySpan<byte> bytes)
    {
        var address = _driver.Allocator.Allocate((ulong)bytes.Length);
        _memory.Write(address, bytes);
        return address;
    }

    /// <summary>
    /// What the guest's driver does, on its own thread: keeps receive buffers of random sizes posted and collects what lands
    /// in them, and sends <paramref name="toHost"/> as chains of random sizes split over up to three buffers.
    /// </summary>
    private byte[] RunGuest(byte[] toHost, int total, Stopwatch deadline, TimeSpan timeout)
    {
        var random = new Random(3);
        var receive = _driver.Queues[Receive];
        var transmit = _driver.Queues[Transmit];
        const int slots = 32;
        var receiveSlots = Enumerable.Range(0, slots).Select(_ => _driver.Allocator.Allocate(4096)).ToArray();
        var transmitSlots = new Stack<ulong>(Enumerable.Range(0, slots).Select(_ => _driver.Allocator.Allocate(8192)));
        var receiveByHead = new Dictionary<ushort, (int Slot, uint Length)>();
        var transmitByHead = new Dictionary<ushort, ulong>();
        var received = new byte[total];
        var receivedCount = 0;
        var sent = 0;

        void PostReceive(int slot)
        {
            var length = (uint)random.Next(1, 4097);
            receiveByHead[receive.Add(GuestBuffer.Writable(receiveSlots[slot], length))] = (slot, length);
        }

        for (var slot = 0; slot < slots; slot++)
        {
            PostReceive(slot);
        }

        _driver.Notify(Receive);
        while (receivedCount < total || sent < total || transmit.InFlight > 0)
        {
            Assert.True(deadline.Elapsed < timeout, $"stalled: received {receivedCount}, sent {sent}, {transmit.InFlight} in flight");
            var progress = false;
            var reposted = false;
            while (receive.TryTakeUsed(out var used))
            {
                var (slot, length) = receiveByHead[used.Head];
                receiveByHead.Remove(used.Head);
                Assert.True(used.Length <= length);
                _memory.Read(receiveSlots[slot], (int)used.Length).CopyTo(received, receivedCount);
                receivedCount += (int)used.Length;
                PostReceive(slot);
                reposted = true;
            }

            if (reposted)
            {
                _driver.Notify(Receive);
                progress = true;
            }

            while (transmit.TryTakeUsed(out var used))
            {
                transmitSlots.Push(transmitByHead[used.Head]);
                transmitByHead.Remove(used.Head);
                progress = true;
            }

            var posted = false;
            while (sent < total && transmitSlots.Count > 0 && transmit.FreeDescriptors >= 3)
            {
                var length = Math.Min(random.Next(1, 8193), total - sent);
                var slot = transmitSlots.Pop();
                _memory.Write(slot, toHost.AsSpan(sent, length));
                var parts = Math.Min(random.Next(1, 4), length);
                var buffers = new GuestBuffer[parts];
                var start = 0;
                for (var p = 0; p < parts; p++)
                {
                    var end = p == parts - 1 ? length : random.Next(start + 1, length - (parts - p - 1) + 1);
                    buffers[p] = GuestBuffer.Readable(slot + (ulong)start, (uint)(end - start));
                    start = end;
                }

                transmitByHead[transmit.Add(buffers)] = slot;
                sent += length;
                posted = true;
            }

            if (posted)
            {
                _driver.Notify(Transmit);
                progress = true;
            }

            if (!progress)
            {
                Thread.Yield();
            }
        }

        return received;
    }
}
