namespace Faas.Guest.Agent.RootFs;

/// <summary>The mount points of this process's mount namespace, from /proc/self/mounts.</summary>
internal static class MountTable
{
    private const string ProcMounts = "/proc/self/mounts";

    /// <summary>Every mount point; empty while /proc is not mounted.</summary>
    public static HashSet<string> MountPoints()
    {
        var points = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(ProcMounts))
        {
            return points;
        }

        foreach (var line in File.ReadLines(ProcMounts))
        {
            var fields = line.Split(' ');
            if (fields.Length > 1)
            {
                points.Add(Unescape(fields[1]));
            }
        }

        return points;
    }

    /// <summary>The kernel writes space, tab, newline and backslash in paths as octal escapes.</summary>
    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal)
            .Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal)
            .Replace("\\134", "\\", StringComparison.Ordinal);
}
