using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Interop;

/// <summary>sys/mman.h</summary>
internal static partial class LibC
{
    public const int PROT_NONE = 0x0;
    public const int PROT_READ = 0x1;
    public const int PROT_WRITE = 0x2;

    public const int MAP_SHARED = 0x01;
    public const int MAP_PRIVATE = 0x02;
    public const int MAP_FIXED = 0x10;
    public const int MAP_ANONYMOUS = 0x20;
    public const int MAP_NORESERVE = 0x4000;

    public const int MADV_DONTNEED = 4;

    public static readonly nint MAP_FAILED = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int munmap(void* addr, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int madvise(void* addr, nuint length, int advice);
}
