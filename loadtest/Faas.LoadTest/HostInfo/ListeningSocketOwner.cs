using System.Globalization;

namespace Faas.LoadTest.HostInfo;

/// <summary>Which local process listens on a TCP port: /proc/net/tcp{,6} give the socket's inode, /proc/*/fd the process holding it.</summary>
public static class ListeningSocketOwner
{
    private const string ListenState = "0A";

    /// <summary>The pid, or null when no process on this host (visible to us) listens on <paramref name="port"/>.</summary>
    public static int? Find(int port, string proc = "/proc")
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "net/tcp", "net/tcp6" })
        {
            var path = Path.Combine(proc, table);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == ListenState
                    && int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{fields[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories(proc))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to look at.
            }
        }

        return null;
    }
}
