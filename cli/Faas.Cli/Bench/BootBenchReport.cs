namespace Faas.Cli.Bench;

/// <summary>What `faas bench boot --json` prints.</summary>
/// <param name="Backend">qemu or kvm.</param>
/// <param name="Accelerator">kvm (hardware) or tcg (software emulation).</param>
/// <param name="Host">CPU model and what /dev/kvm is, so figures are never mistaken for hardware-KVM ones.</param>
/// <param name="BootToReadyMs">From asking the backend to start the VM until the agent's hello, per run.</param>
/// <param name="GuestUptimeAtReadyMs">The guest's own uptime when its agent said hello, per run.</param>
public sealed record BootBenchReport(
    string Backend,
    string Accelerator,
    string Host,
    string KernelKey,
    int MemoryMiB,
    IReadOnlyList<double> BootToReadyMs,
    IReadOnlyList<double> GuestUptimeAtReadyMs,
    LatencySummary BootToReady,
    LatencySummary GuestUptimeAtReady);
