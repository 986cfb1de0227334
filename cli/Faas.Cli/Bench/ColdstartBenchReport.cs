namespace Faas.Cli.Bench;

/// <summary>What `faas bench coldstart --json` prints: time to first response through the worker's HTTP endpoint, per start kind.</summary>
/// <param name="Backend">qemu or kvm.</param>
/// <param name="Accelerator">kvm (hardware) or tcg (software emulation).</param>
/// <param name="Host">CPU model and what /dev/kvm is, so figures are never mistaken for hardware-KVM ones.</param>
/// <param name="Image">The function's image.</param>
/// <param name="Path">The path requested.</param>
/// <param name="MemoryMiB">Guest RAM.</param>
/// <param name="DeployMs">Deploying the function: image ready, booted to ready and snapshotted (less when the snapshot was cached).</param>
/// <param name="BootMs">A fresh instance by boot (no snapshot), per run.</param>
/// <param name="RestoreMs">A fresh instance restored from the snapshot, per run.</param>
/// <param name="WarmMs">A call to an idle instance, per run.</param>
/// <param name="BootToRestoreP50">Boot p50 over restore p50.</param>
public sealed record ColdstartBenchReport(
    string Backend,
    string Accelerator,
    string Host,
    string Image,
    string Path,
    int MemoryMiB,
    double DeployMs,
    IReadOnlyList<double> BootMs,
    IReadOnlyList<double> RestoreMs,
    IReadOnlyList<double> WarmMs,
    LatencySummary Boot,
    LatencySummary Restore,
    LatencySummary Warm,
    double BootToRestoreP50);
