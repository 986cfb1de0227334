namespace Faas.Guest.Agent.Interop;

/// <summary>linux/random.h: ioctls of /dev/random and /dev/urandom.</summary>
internal static partial class LibC
{
    /// <summary>_IOW('R', 0x03, int[2]): mix struct rand_pool_info's buffer into the input pool and credit entropy_count bits.</summary>
    public const ulong RNDADDENTROPY = 0x40085203;

    /// <summary>_IO('R', 0x07): reseed the CRNG from the input pool now.</summary>
    public const ulong RNDRESEEDCRNG = 0x5207;

    /// <summary>The size of struct rand_pool_info's fixed part: int entropy_count, int buf_size; the bytes follow.</summary>
    public const int RAND_POOL_INFO_HEADER_SIZE = 8;
}
