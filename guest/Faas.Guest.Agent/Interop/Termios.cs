using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>termios.h</summary>
internal static unsafe partial class LibC
{
    public const int NCCS = 32;
    public const int TCSANOW = 0;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcgetattr(int fd, termios* termios_p);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcsetattr(int fd, int optional_actions, termios* termios_p);

    [LibraryImport("libc")]
    public static partial void cfmakeraw(termios* termios_p);
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct termios
{
    public uint c_iflag;
    public uint c_oflag;
    public uint c_cflag;
    public uint c_lflag;
    public byte c_line;
    public fixed byte c_cc[LibC.NCCS];
    public uint c_ispeed;
    public uint c_ospeed;
}
