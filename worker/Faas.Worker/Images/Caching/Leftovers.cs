using System.Runtime.InteropServices;
using Faas.Worker.Images.Interop;
using Faas.Worker.Images.Unpacking;

namespace Faas.Worker.Images.Caching;

/// <summary>Removes temporary files and trees whose process (the number their name starts with) has exited.</summary>
internal static class Leftovers
{
    public static void Remove(string temporaryDirectory)
    {
        if (!Directory.Exists(temporaryDirectory))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(temporaryDirectory))
        {
            var name = Path.GetFileName(entry);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), out var pid) && !IsAlive(pid))
            {
                try
                {
                    TreeRemoval.Remove(entry);
                }
                catch (IOException)
                {
                    // Best effort: tried again next time.
                }
            }
        }
    }

    private static bool IsAlive(int pid) =>
        pid == Environment.ProcessId || LibC.kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != LibC.ESRCH;
}
