namespace Faas.Guest.Agent.Interop;

/// <summary>errno.h</summary>
internal static partial class LibC
{
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int ECHILD = 10;
    public const int EACCES = 13;
}
