using Faas.Vmm.Kvm.Interop;

namespace Faas.Vmm.Kvm;

/// <summary>An owned file descriptor, closed once on dispose.</summary>
internal sealed class FileDescriptor : IDisposable
{
    private int _fd;

    public FileDescriptor(int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        _fd = fd;
    }

    /// <summary>The descriptor number; -1 once disposed.</summary>
    public int Value => Volatile.Read(ref _fd);

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.close(fd);
        }
    }
}
