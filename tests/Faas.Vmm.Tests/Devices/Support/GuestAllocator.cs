namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>Hands out guest physical memory the way a driver allocates rings and buffers: aligned, never reused.</summary>
public sealed class GuestAllocator(ulong start, ulong end)
{
    private ulong _next = start;

    public ulong Allocate(ulong size, ulong alignment = 16)
    {
        var address = (_next + alignment - 1) / alignment * alignment;
        Assert.True(address + size <= end, "the test ran out of simulated guest memory");
        _next = address + size;
        return address;
    }
}
