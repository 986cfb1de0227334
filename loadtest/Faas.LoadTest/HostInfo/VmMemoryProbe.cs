using System.Globalization;

namespace Faas.LoadTest.HostInfo;

/// <summary>
/// Memory of each micro-VM: the QEMU processes under the platform's process, each measured by the Pss line of
/// /proc/&lt;pid&gt;/smaps_rollup (RSS would count every snapshot page shared between clones once per clone).
/// </summary>
public static class VmMemoryProbe
{
    public static VmMemory Measure(int platformPid, string proc = "/proc")
    {
        var vms = new List<(int Pid, long PssKiB)>();
        foreach (var (pid, name) in ProcessTree.Descendants(platformPid, proc))
        {
            if (name.StartsWith("qemu-system", StringComparison.Ordinal) && PssKiB(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "smaps_rollup")) is { } pss)
            {
                vms.Add((pid, pss));
            }
        }

        return new VmMemory(vms);
    }

    /// <summary>The "Pss:" line of a smaps_rollup file, in KiB; null when the process is gone.</summary>
    public static long? PssKiB(string smapsRollup)
    {
        try
        {
            foreach (var line in File.ReadLines(smapsRollup))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    var value = line["Pss:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
