using System.Runtime.InteropServices;

namespace DotnetHello;

/// <summary>
/// Bytes from the kernel's RNG (getrandom(2)). RandomNumberGenerator would load OpenSSL, which a
/// minimal Debian root does not have.
/// </summary>
internal static partial class OsRandom
{
    private const int EINTR = 4;

    public static byte[] GetBytes(int count)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = getrandom(ref buffer[filled], (nuint)(count - filled), 0);
            if (read >= 0)
            {
                filled += (int)read;
            }
            else if (Marshal.GetLastPInvokeError() != EINTR)
            {
                throw new IOException($"getrandom failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        return buffer;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint getrandom(ref byte buf, nuint buflen, uint flags);
}
