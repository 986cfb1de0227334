namespace Faas.LoadTest.HostInfo;

/// <summary>The machine a run measured on: cores, CPU, memory, and what its /dev/kvm is (from faas doctor).</summary>
public sealed record MachineFigures(int Cores, string CpuModel, double MemoryGiB, string Kvm, string KvmDetail)
{
    public static double MemoryTotalGiB(string meminfo = "/proc/meminfo")
    {
        try
        {
            var line = File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            return Math.Round(kib / 1024.0 / 1024.0, 1);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return 0;
        }
    }
}
