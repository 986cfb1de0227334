namespace Faas.Cli.Bench;

/// <summary>What `faas bench vm --json` prints.</summary>
/// <param name="Host">CPU model and what /dev/kvm is: figures from kvm_pvm or TCG are never hardware-KVM figures.</param>
/// <param name="HostKind">Hardware, Pvm, Absent or Unusable (<see cref="Faas.Vmm.Host.KvmKind"/>).</param>
/// <param name="LoadAverageAtStart">The host's 1-minute load average when the bench began.</param>
/// <param name="Runs">Measurements per latency figure.</param>
/// <param name="GuestMemoryMiB">Guest RAM of every VM.</param>
/// <param name="Backends">The figures per backend.</param>
public sealed record VmBenchReport(
    string Host,
    string HostKind,
    double LoadAverageAtStart,
    int Runs,
    int GuestMemoryMiB,
    IReadOnlyList<VmBenchFigures> Backends);
