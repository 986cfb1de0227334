using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Interop;

/// <summary>unistd.h</summary>
internal static partial class LibC
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint pwrite(int fd, void* buf, nuint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fsync(int fd);
}
