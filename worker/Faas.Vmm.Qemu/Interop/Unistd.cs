using System.Runtime.InteropServices;

namespace Faas.Vmm.Qemu.Interop;

/// <summary>unistd.h</summary>
internal static partial class LibC
{
    public const int SEEK_DATA = 3;
    public const int SEEK_HOLE = 4;

    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(SafeHandle fd, long offset, int whence);
}
