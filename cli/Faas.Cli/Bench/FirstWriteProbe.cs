using System.Diagnostics;
using Faas.Vmm.Devices;

namespace Faas.Cli.Bench;

/// <summary>A port device that notes when the guest first writes it, and can pause the vCPU right there (for a snapshot).</summary>
internal sealed class FirstWriteProbe(Action? onFirstWrite = null) : IBusDevice
{
    private readonly TaskCompletionSource<long> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The Stopwatch timestamp of the first write.</summary>
    public Task<long> FirstWrite => _first.Task;

    public void Read(ulong offset, Span<byte> data) => data.Clear();

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (_first.TrySetResult(Stopwatch.GetTimestamp()))
        {
            onFirstWrite?.Invoke();
        }
    }
}
