using System.Collections.Concurrent;

namespace Faas.Vmm.Qemu.Processes;

/// <summary>
/// Every QEMU this process started and that has not exited yet, so that none outlives an orderly exit or
/// Ctrl+C even when its VM was never disposed. (A killed process is covered by <see cref="Faas.Vmm.Processes.ParentBoundShell"/>.)
/// </summary>
internal static class LiveQemuProcesses
{
    private static readonly ConcurrentDictionary<QemuProcess, byte> s_live = new();
    private static int s_hooked;

    public static int Count => s_live.Count;

    public static void Add(QemuProcess process)
    {
        if (Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }

        s_live.TryAdd(process, 0);
    }

    public static void Remove(QemuProcess process) => s_live.TryRemove(process, out _);

    public static void KillAll()
    {
        foreach (var process in s_live.Keys)
        {
            process.Kill();
        }
    }
}
