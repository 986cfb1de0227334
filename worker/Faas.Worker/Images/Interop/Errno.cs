namespace Faas.Worker.Images.Interop;

/// <summary>errno.h</summary>
internal static partial class LibC
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EEXIST = 17;
    public const int EPERM = 1;
}
