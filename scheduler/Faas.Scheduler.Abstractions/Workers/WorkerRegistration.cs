namespace Faas.Scheduler.Workers;

/// <summary>A worker as it announces itself.</summary>
/// <param name="WorkerId">Stable across restarts (the snapshots it holds are remembered by it).</param>
/// <param name="Url">Where its invoke endpoint listens, e.g. http://127.0.0.1:8081.</param>
/// <param name="Backend">"qemu/tcg", "qemu/kvm", "kvm/kvm".</param>
/// <param name="MemoryCapacityMiB">Guest RAM it may give to instances in total.</param>
[GenerateSerializer, Immutable]
public sealed record WorkerRegistration(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Url,
    [property: Id(2)] string Backend,
    [property: Id(3)] int MemoryCapacityMiB);
