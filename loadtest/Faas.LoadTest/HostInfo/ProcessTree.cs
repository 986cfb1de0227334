using System.Globalization;

namespace Faas.LoadTest.HostInfo;

/// <summary>The processes under one process, from /proc/&lt;pid&gt;/stat.</summary>
public static class ProcessTree
{
    /// <summary>Every descendant of <paramref name="root"/> (children, their children, …) with its command name.</summary>
    public static IReadOnlyList<(int Pid, string Name)> Descendants(int root, string proc = "/proc")
    {
        var children = new Dictionary<int, List<(int Pid, string Name)>>();
        foreach (var directory in Directory.EnumerateDirectories(proc))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ReadStat(directory) is not { } stat)
            {
                continue;
            }

            if (!children.TryGetValue(stat.Parent, out var siblings))
            {
                siblings = [];
                children[stat.Parent] = siblings;
            }

            siblings.Add((pid, stat.Name));
        }

        var found = new List<(int Pid, string Name)>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child.Pid);
            }
        }

        return found;
    }

    /// <summary>"pid (comm) state ppid …": comm may hold spaces and parentheses, so it runs to the last ')'.</summary>
    private static (string Name, int Parent)? ReadStat(string directory)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // The process exited while we looked.
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            ? (text[(open + 1)..close], parent)
            : null;
    }
}
