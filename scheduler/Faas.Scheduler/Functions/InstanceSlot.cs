namespace Faas.Scheduler.Functions;

/// <summary>A live instance of a function as its grain tracks it: where it runs, which version, and the calls it holds.</summary>
internal sealed class InstanceSlot(string id, string workerId, int version, string start, int memoryMiB, DateTimeOffset addedAt)
{
    public string Id { get; } = id;

    public string WorkerId { get; } = workerId;

    public int Version { get; } = version;

    /// <summary>"boot" or "restore".</summary>
    public string Start { get; } = start;

    public int MemoryMiB { get; } = memoryMiB;

    /// <summary>When the grain learned of it: a worker's listing taken before that moment may not show it yet.</summary>
    public DateTimeOffset AddedAt { get; } = addedAt;

    public int ActiveLeases { get; set; }

    public DateTimeOffset LastUsedAt { get; set; } = addedAt;
}
