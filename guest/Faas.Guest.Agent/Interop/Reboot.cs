using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>sys/reboot.h</summary>
internal static partial class LibC
{
    public const int RB_AUTOBOOT = 0x01234567;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int reboot(int howto);
}
