using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading.Channels;
using Faas.Vmm.Devices;

namespace Faas.Vmm.Tests.Support;

/// <summary>A port or MMIO device that records every write (value and time) and answers reads with a fixed value.</summary>
internal sealed class PortRecorder : IBusDevice
{
    private readonly Channel<PortWrite> _writes = Channel.CreateUnbounded<PortWrite>();
    private readonly List<PortWrite> _all = [];
    private readonly Lock _lock = new();

    public ulong ReadValue { get; set; }

    public int Reads { get; private set; }

    public IReadOnlyList<PortWrite> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _all];
            }
        }
    }

    public void Read(ulong offset, Span<byte> data)
    {
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(value, ReadValue);
        value[..Math.Min(8, data.Length)].CopyTo(data);
        lock (_lock)
        {
            Reads++;
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        Span<byte> value = stackalloc byte[8];
        data[..Math.Min(8, data.Length)].CopyTo(value);
        var write = new PortWrite(offset, BinaryPrimitives.ReadUInt64LittleEndian(value), data.Length, Stopwatch.GetTimestamp());
        lock (_lock)
        {
            _all.Add(write);
        }

        _writes.Writer.TryWrite(write);
    }

    /// <summary>The next write, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<PortWrite> NextAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await _writes.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no write within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>Waits until a write satisfies <paramref name="predicate"/>.</summary>
    public async Task<PortWrite> WaitForAsync(Func<PortWrite, bool> predicate, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var write = await NextAsync(timeout - deadline.Elapsed);
            if (predicate(write))
            {
                return write;
            }
        }
    }
}
