namespace Faas.Cli.Bench;

/// <summary>One backend's figures in `faas bench vm`.</summary>
/// <param name="Backend">kvm (the built-in VMM) or qemu.</param>
/// <param name="Accelerator">What runs the guest: kvm or kvm_pvm for the built-in VMM, tcg or kvm for QEMU.</param>
/// <param name="CreateToFirstExitMs">From asking for a new VM (process start for QEMU) until the guest's first port write.</param>
/// <param name="RestoreToFirstExitMs">From asking for a restore (process start for QEMU) until the restored guest's first port write.</param>
/// <param name="Live">VMs kept running at once, and what each costs.</param>
/// <param name="Notes">What was measured how, and what was not.</param>
public sealed record VmBenchFigures(
    string Backend,
    string Accelerator,
    LatencySummary? CreateToFirstExitMs,
    LatencySummary? RestoreToFirstExitMs,
    IReadOnlyList<LiveVmFigures> Live,
    IReadOnlyList<string> Notes);
