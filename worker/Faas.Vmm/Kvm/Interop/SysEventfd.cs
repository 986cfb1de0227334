using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Interop;

/// <summary>sys/eventfd.h</summary>
internal static partial class LibC
{
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);
}
