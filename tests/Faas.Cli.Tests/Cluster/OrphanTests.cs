using System.Globalization;
using System.Text;
using CliWrap;
using Faas.Cli.Hosting;

namespace Faas.Cli.Tests.Cluster;

/// <summary>A local cluster never outlives the <c>faas up --cluster</c> that started it, even one killed with SIGKILL.</summary>
public sealed class OrphanTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_process_of_a_killed_faas_up_cluster_stops()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("faas-orphans-").FullName;
        var stderr = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var kill = new CancellationTokenSource();
        var up = CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Path.Combine(AppContext.BaseDirectory, "faas.dll"), "up", "--cluster", "--workers", "1", "--data-dir", dataDirectory, "--listen", "http://127.0.0.1:0", "--memory-capacity", "512"])
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                }

                if (line == "faas: ready")
                {
                    ready.TrySetResult();
                }
            }))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(kill.Token);
        try
        {
            var started = await Task.WhenAny(ready.Task, up.Task, Task.Delay(TimeSpan.FromMinutes(3), Token));
            Assert.True(started == ready.Task, $"faas up --cluster did not get ready:\n{stderr}");
            var descendants = Descendants(up.ProcessId);
            Assert.True(descendants.Count >= 5, $"expected postgres, redis, scheduler, worker and gateway below faas up, found {descendants.Count}");

            // SIGKILL to faas up alone, as the OOM killer or `kill -9` would: it has no chance to stop its children.
            using (var process = System.Diagnostics.Process.GetProcessById(up.ProcessId))
            {
                process.Kill(entireProcessTree: false);
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
            while (descendants.Any(IsAlive) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
            }

            var survivors = descendants.Where(IsAlive).Select(Describe).ToList();
            Assert.True(survivors.Count == 0, $"still running after faas up was killed: {string.Join("; ", survivors)}");
        }
        finally
        {
            await kill.CancelAsync();
            try
            {
                await up;
            }
            catch (OperationCanceledException)
            {
                // Killed by this test.
            }

            Directory.Delete(dataDirectory, recursive: true);
            var postgres = Path.GetDirectoryName(LocalCluster.PostgresDirectoryOf(dataDirectory))!;
            if (Directory.Exists(postgres) && postgres != dataDirectory)
            {
                Directory.Delete(postgres, recursive: true);
            }
        }
    }

    /// <summary>Every process below <paramref name="root"/> (children, their children, …), with its start time to tell a reused pid.</summary>
    private static List<(int Pid, string StartTime)> Descendants(int root)
    {
        var parents = new Dictionary<int, (int Parent, string StartTime)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat;
            }
        }

        var found = new List<(int, string)>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, stat) in parents.Where(entry => entry.Value.Parent == parent))
            {
                found.Add((pid, stat.StartTime));
                frontier.Enqueue(pid);
            }
        }

        return found;
    }

    private static bool IsAlive((int Pid, string StartTime) process) =>
        Stat(process.Pid) is { } stat && stat.StartTime == process.StartTime && State(process.Pid) != "Z";

    private static string Describe((int Pid, string StartTime) process)
    {
        try
        {
            return $"{process.Pid} {File.ReadAllText($"/proc/{process.Pid}/cmdline").Replace('\0', ' ').Trim()}";
        }
        catch (IOException)
        {
            return process.Pid.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The parent pid and start time from /proc/PID/stat (fields 4 and 22, after the parenthesised command name).</summary>
    private static (int Parent, string StartTime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), fields[19]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string? State(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
