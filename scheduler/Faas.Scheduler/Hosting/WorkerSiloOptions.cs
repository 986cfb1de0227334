namespace Faas.Scheduler.Hosting;

/// <summary>The worker a silo runs: how it announces itself to the scheduler.</summary>
public sealed class WorkerSiloOptions
{
    /// <summary>Stable across restarts; the worker grain of this id is placed on this silo.</summary>
    public required string WorkerId { get; init; }

    /// <summary>The worker's invoke endpoint, e.g. http://127.0.0.1:8081; the gateway forwards calls there.</summary>
    public required string Url { get; init; }

    /// <summary>"qemu/tcg", "qemu/kvm", "kvm/kvm".</summary>
    public string Backend { get; init; } = "qemu/tcg";

    /// <summary>Guest RAM the worker may give to instances in total.</summary>
    public int MemoryCapacityMiB { get; init; } = 4096;

    /// <summary>How often the worker reports its load to the scheduler.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);
}
