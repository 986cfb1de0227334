namespace Faas.Vmm.Vstate;

/// <summary>How a vCPU's run ended: the reason and what KVM said about it.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Description">One line for logs and errors.</param>
public sealed record VcpuStop(VcpuStopReason Reason, string Description)
{
    public static VcpuStop Paused { get; } = new(VcpuStopReason.Paused, "paused by the VMM");

    /// <summary>True when the guest ended its run itself (not paused by the VMM).</summary>
    public bool IsGuestStop => Reason != VcpuStopReason.Paused;

    public override string ToString() => $"{Reason}: {Description}";
}
