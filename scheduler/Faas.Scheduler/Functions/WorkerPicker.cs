using Faas.Scheduler.Workers;

namespace Faas.Scheduler.Functions;

/// <summary>Chooses the worker for a deploy or a new instance among the live ones, by memory room and load.</summary>
internal static class WorkerPicker
{
    /// <summary>For a new instance: a worker that holds the snapshot (restore), else any with room (boot, after a deploy there when it lacks the function).</summary>
    public static (WorkerStatus Worker, bool Restore)? ForInstance(
        IReadOnlyList<WorkerStatus> workers, VersionState version, Func<WorkerStatus, int> unreportedMiB)
    {
        var roomy = WithRoom(workers, version.Spec.MemoryMiB, unreportedMiB).ToList();
        if (roomy.Find(worker => version.Snapshots.ContainsKey(worker.Registration.WorkerId)) is { } holder)
        {
            return (holder, true);
        }

        return roomy.Count > 0 ? (roomy[0], false) : null;
    }

    /// <summary>For a deploy: a worker with room, preferring those that already hold an earlier version (its image layers are likely cached there).</summary>
    public static WorkerStatus? ForDeploy(
        IReadOnlyList<WorkerStatus> workers, int memoryMiB, IReadOnlySet<string> preferred, Func<WorkerStatus, int> unreportedMiB)
    {
        var roomy = WithRoom(workers, memoryMiB, unreportedMiB).ToList();
        return roomy.Find(worker => preferred.Contains(worker.Registration.WorkerId)) ?? roomy.FirstOrDefault();
    }

    /// <summary>Workers with room for <paramref name="memoryMiB"/> more, least loaded first.</summary>
    private static IEnumerable<WorkerStatus> WithRoom(IReadOnlyList<WorkerStatus> workers, int memoryMiB, Func<WorkerStatus, int> unreportedMiB) =>
        workers
            .Select(worker => (Worker: worker, Used: worker.MemoryUsedMiB + unreportedMiB(worker)))
            .Where(load => load.Worker.Registration.MemoryCapacityMiB - load.Used >= memoryMiB)
            .OrderBy(load => (double)load.Used / Math.Max(1, load.Worker.Registration.MemoryCapacityMiB))
            .ThenBy(load => load.Worker.Registration.WorkerId, StringComparer.Ordinal)
            .Select(load => load.Worker);
}
