namespace Faas.Vmm.Qemu.Interop;

/// <summary>errno.h</summary>
internal static partial class LibC
{
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int EAGAIN = 11;
    public const int EXDEV = 18;
}
