using System.Runtime.InteropServices;

namespace Faas.Worker.Images.Interop;

/// <summary>signal.h</summary>
internal static partial class LibC
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);
}
