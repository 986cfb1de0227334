using System.Globalization;
using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Platform;

/// <summary>Facts about the running kernel.</summary>
internal static class KernelInfo
{
    /// <summary>uname -r.</summary>
    public static unsafe string Release()
    {
        utsname names;
        return LibC.uname(&names) == 0
            ? Marshal.PtrToStringUTF8((nint)names.release) ?? string.Empty
            : string.Empty;
    }

    /// <summary>Time since boot, from /proc/uptime; the monotonic clock when /proc is not mounted.</summary>
    public static long UptimeMilliseconds()
    {
        try
        {
            var seconds = File.ReadAllText("/proc/uptime").Split(' ', 2)[0];
            return (long)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * 1000);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Environment.TickCount64;
        }
    }
}
