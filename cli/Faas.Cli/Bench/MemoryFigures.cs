using System.Globalization;

namespace Faas.Cli.Bench;

/// <summary>Memory as the kernel reports it: a process's PSS, and the host's kernel-side memory (slab, page tables, stacks).</summary>
internal static class MemoryFigures
{
    /// <summary>Proportional set size of a process in KiB (/proc/PID/smaps_rollup), or 0 when it is gone.</summary>
    public static long PssKiB(string pid = "self")
    {
        try
        {
            return ReadKiB($"/proc/{pid}/smaps_rollup", "Pss:");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Slab + KernelStack + PageTables + SecPageTables of the whole host in KiB (/proc/meminfo): where KVM's per-VM structures live.</summary>
    public static long KernelKiB() =>
        ReadKiB("/proc/meminfo", "Slab:") + ReadKiB("/proc/meminfo", "KernelStack:") + ReadKiB("/proc/meminfo", "PageTables:")
        + ReadKiB("/proc/meminfo", "SecPageTables:");

    /// <summary>MemAvailable of the host in KiB.</summary>
    public static long AvailableKiB() => ReadKiB("/proc/meminfo", "MemAvailable:");

    /// <summary>The host's 1-minute load average, to tell a quiet run from a busy one.</summary>
    public static double LoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static long ReadKiB(string path, string key)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
