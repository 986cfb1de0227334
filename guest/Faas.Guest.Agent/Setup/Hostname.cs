using System.Runtime.InteropServices;
using System.Text;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Setup;

internal static class Hostname
{
    public const string Guest = "faas";

    /// <returns>Null on success (or when it was already set), otherwise what failed.</returns>
    public static unsafe string? Set(string name)
    {
        if (Environment.MachineName == name)
        {
            return null;
        }

        var bytes = Encoding.ASCII.GetBytes(name);
        fixed (byte* start = bytes)
        {
            return LibC.sethostname(start, bytes.Length) == 0
                ? null
                : $"cannot set the hostname to {name}: {Marshal.GetLastPInvokeErrorMessage()}";
        }
    }
}
