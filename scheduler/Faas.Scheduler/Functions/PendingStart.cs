namespace Faas.Scheduler.Functions;

/// <summary>An instance being started: it counts toward maxInstances, and toward its worker's memory once the worker is chosen.</summary>
internal sealed class PendingStart(int version)
{
    public int Version { get; } = version;

    public string? WorkerId { get; set; }

    public int MemoryMiB { get; set; }
}
