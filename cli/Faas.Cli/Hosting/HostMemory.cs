using System.Globalization;

namespace Faas.Cli.Hosting;

/// <summary>The host's memory as /proc/meminfo reports it.</summary>
public static class HostMemory
{
    /// <summary>MemAvailable in MiB; 1024 when it cannot be read.</summary>
    public static int AvailableMiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    return (int)Math.Min(int.MaxValue, kib / 1024);
                }
            }
        }
        catch (IOException)
        {
        }

        return 1024;
    }
}
