using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Channel;

internal static class RawTerminal
{
    /// <summary>Puts a tty in raw mode, so that it passes bytes through unchanged (no \n to \r\n, no echo).</summary>
    /// <exception cref="IOException">The descriptor is not a terminal or its attributes cannot be set.</exception>
    public static unsafe void MakeRaw(int fd, string name)
    {
        termios attributes;
        if (LibC.tcgetattr(fd, &attributes) != 0)
        {
            throw new IOException($"cannot read the terminal attributes of {name}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        LibC.cfmakeraw(&attributes);
        if (LibC.tcsetattr(fd, LibC.TCSANOW, &attributes) != 0)
        {
            throw new IOException($"cannot put {name} in raw mode: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
