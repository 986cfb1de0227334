using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/utsname.h</summary>
internal static unsafe partial class LibC
{
    public const int _UTSNAME_LENGTH = 65;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int uname(utsname* buf);
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct utsname
{
    public fixed byte sysname[LibC._UTSNAME_LENGTH];
    public fixed byte nodename[LibC._UTSNAME_LENGTH];
    public fixed byte release[LibC._UTSNAME_LENGTH];
    public fixed byte version[LibC._UTSNAME_LENGTH];
    public fixed byte machine[LibC._UTSNAME_LENGTH];
    public fixed byte domainname[LibC._UTSNAME_LENGTH];
}
