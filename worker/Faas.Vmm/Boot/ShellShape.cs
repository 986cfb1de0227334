using Faas.Vmm.Arch.X64;

namespace Faas.Vmm.Boot;

/// <summary>What a <see cref="VmShell"/> is made for: a machine with this many vCPUs, this much memory, irqchip or not, this CPUID.</summary>
public sealed record ShellShape(int VcpuCount, ulong MemoryBytes, bool Irqchip, CpuidPolicy CpuidPolicy)
{
    public static ShellShape Of(MachineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ShellShape(config.VcpuCount, config.MemoryBytes, config.Irqchip, config.CpuidPolicy);
    }
}
