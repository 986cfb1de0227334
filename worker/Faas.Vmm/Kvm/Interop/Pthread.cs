using System.Runtime.InteropServices;

namespace Faas.Vmm.Kvm.Interop;

/// <summary>pthread.h and signal.h (pthread_kill)</summary>
internal static partial class LibC
{
    [LibraryImport("libc")]
    public static partial nuint pthread_self();

    /// <returns>0, or an error number (not through errno).</returns>
    [LibraryImport("libc")]
    public static partial int pthread_kill(nuint thread, int sig);
}
