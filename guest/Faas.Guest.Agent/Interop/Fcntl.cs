using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>fcntl.h</summary>
internal static partial class LibC
{
    public const int O_RDONLY = 0x0;
    public const int O_WRONLY = 0x1;
    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFD = 1;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string pathname, int flags, uint mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd);
}
