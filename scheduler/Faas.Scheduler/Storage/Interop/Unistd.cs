using System.Runtime.InteropServices;

namespace Faas.Scheduler.Storage.Interop;

/// <summary>unistd.h</summary>
internal static partial class LibC
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
