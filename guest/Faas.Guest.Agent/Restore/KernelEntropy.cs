using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Restore;

/// <summary>
/// Feeds the kernel's random number generator. Once the CRNG is initialised, credited entropy is only mixed into the
/// input pool: the CRNG keeps its key until its next scheduled reseed (a minute later), so every clone of a snapshot
/// would produce the same random bytes until then. Adding the bytes and then forcing a reseed makes every clone's
/// output depend on its own bytes at once.
/// </summary>
internal static unsafe class KernelEntropy
{
    public const string Device = "/dev/urandom";

    /// <summary>The size of the input pool; more bytes than this add nothing.</summary>
    public const int MaxBytes = 512;

    /// <summary>Mixes <paramref name="entropy"/> into the input pool, credits it (8 bits a byte) and reseeds the CRNG; needs CAP_SYS_ADMIN.</summary>
    /// <returns>null when done, otherwise why not.</returns>
    public static string? AddAndReseed(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length is 0 or > MaxBytes)
        {
            return $"cannot add {entropy.Length} bytes of entropy: between 1 and {MaxBytes} bytes are accepted";
        }

        var fd = LibC.open(Device, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return $"cannot open {Device}: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        Span<byte> poolInfo = stackalloc byte[LibC.RAND_POOL_INFO_HEADER_SIZE + MaxBytes];
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(poolInfo, entropy.Length * 8);
            BinaryPrimitives.WriteInt32LittleEndian(poolInfo[4..], entropy.Length);
            entropy.CopyTo(poolInfo[LibC.RAND_POOL_INFO_HEADER_SIZE..]);
            fixed (byte* argument = poolInfo)
            {
                if (LibC.ioctl(fd, LibC.RNDADDENTROPY, argument) != 0)
                {
                    return $"cannot add entropy: ioctl RNDADDENTROPY on {Device}: {Marshal.GetLastPInvokeErrorMessage()}";
                }
            }

            return LibC.ioctl(fd, LibC.RNDRESEEDCRNG, null) == 0
                ? null
                : $"cannot reseed the kernel's random number generator: ioctl RNDRESEEDCRNG on {Device}: {Marshal.GetLastPInvokeErrorMessage()}";
        }
        finally
        {
            poolInfo.Clear();
            _ = LibC.close(fd);
        }
    }
}
