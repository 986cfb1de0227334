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

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chdir(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chroot(string path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getgroups(int size, uint* list);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getresuid(uint* ruid, uint* euid, uint* suid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getresgid(uint* rgid, uint* egid, uint* sgid);

    /// <summary>The raw system call: unlike glibc's wrappers of the set*id calls, it changes only the calling thread.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial long syscall(long number, long arg1, long arg2, long arg3);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sethostname(byte* name, nint len);

    [LibraryImport("libc")]
    public static partial void sync();
}
