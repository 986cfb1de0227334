using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/mount.h</summary>
internal static partial class LibC
{
    public const ulong MS_RDONLY = 1;
    public const ulong MS_NOSUID = 2;
    public const ulong MS_NODEV = 4;
    public const ulong MS_NOEXEC = 8;
    public const ulong MS_REMOUNT = 32;
    public const ulong MS_BIND = 4096;
    public const ulong MS_MOVE = 8192;
    public const int MNT_DETACH = 2;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string? source, string target, string? filesystemtype, ulong mountflags, string? data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);
}
