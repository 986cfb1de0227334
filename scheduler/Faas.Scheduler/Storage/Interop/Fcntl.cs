using System.Runtime.InteropServices;

namespace Faas.Scheduler.Storage.Interop;

/// <summary>fcntl.h</summary>
internal static partial class LibC
{
    public const int O_RDONLY = 0x0;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string pathname, int flags);
}
