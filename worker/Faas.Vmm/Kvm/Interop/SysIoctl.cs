using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Interop;

/// <summary>sys/ioctl.h. The request's argument is a pointer or an integer; both pass in the same register.</summary>
internal static partial class LibC
{
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int ioctl(int fd, nuint request, void* arg);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, nuint arg);
}
