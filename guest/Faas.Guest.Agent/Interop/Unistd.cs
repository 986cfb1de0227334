using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>unistd.h</summary>
internal static unsafe partial class LibC
{
    public const int X_OK = 1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* pipefd, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string pathname, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sethostname(byte* name, nint len);

    [LibraryImport("libc")]
    public static partial void sync();
}
