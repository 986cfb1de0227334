using Faas.Guest.Artifacts;
using Faas.Vmm.Host;

namespace Faas.Cli.Commands;

/// <summary>What `faas doctor --json` prints.</summary>
/// <param name="Host">CPU, its virtualization flags and what /dev/kvm is.</param>
/// <param name="Qemu">qemu-system-x86_64 --version, or null when QEMU is missing.</param>
/// <param name="Artifacts">Guest kernel, agent and initramfs: cached or still to build.</param>
/// <param name="Backend">The backend `auto` picks here, with the reason; null when none can run.</param>
/// <param name="Problem">What stops VMs from running here, when something does.</param>
public sealed record DoctorReport(
    HostVirtualization Host,
    string? Qemu,
    IReadOnlyList<ArtifactStatus> Artifacts,
    BackendChoice? Backend,
    string? Problem);
