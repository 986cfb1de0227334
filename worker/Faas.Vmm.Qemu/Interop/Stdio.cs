using System.Runtime.InteropServices;

namespace Faas.Vmm.Qemu.Interop;

/// <summary>stdio.h</summary>
internal static partial class LibC
{
    /// <summary>Atomically replaces <paramref name="newpath"/> (a file, or an empty directory when <paramref name="oldpath"/> is one).</summary>
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rename(string oldpath, string newpath);
}
