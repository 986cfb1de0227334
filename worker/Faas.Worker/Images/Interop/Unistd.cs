using System.Runtime.InteropServices;

namespace Faas.Worker.Images.Interop;

/// <summary>unistd.h</summary>
internal static partial class LibC
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int lchown(string pathname, uint owner, uint group);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int link(string oldpath, string newpath);

    [LibraryImport("libc")]
    public static partial uint geteuid();
}
