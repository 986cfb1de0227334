using Faas.Vmm.Devices;

namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>An interrupt line that counts how often it was triggered.</summary>
public sealed class RecordingInterruptLine : IInterruptLine
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Trigger() => Interlocked.Increment(ref _count);
}
