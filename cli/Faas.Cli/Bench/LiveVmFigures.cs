namespace Faas.Cli.Bench;

/// <summary>N VMs running at once.</summary>
/// <param name="Count">VMs asked for.</param>
/// <param name="Running">VMs that were running (had made their first port write).</param>
/// <param name="SecondsToStartAll">From the first restore until all were running.</param>
/// <param name="PssKiBPerVm">Proportional set size added per VM (the VMM process for kvm, the QEMU processes for qemu).</param>
/// <param name="KernelKiBPerVm">Host kernel memory (slab, page tables, stacks) added per VM; approximate, the whole host counts.</param>
public sealed record LiveVmFigures(int Count, int Running, double SecondsToStartAll, double PssKiBPerVm, double KernelKiBPerVm);
