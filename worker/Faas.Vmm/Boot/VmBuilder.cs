using Faas.Vmm.Arch.X64;
using Faas.Vmm.Kvm;
using Faas.Vmm.Snapshots;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Boot;

/// <summary>
/// Builds machines: for a boot (memory, devices, a Linux kernel or plain code, vCPUs set up to enter it) and from a snapshot
/// (the memory file mapped MAP_PRIVATE, the devices rebuilt, every saved state put back). Machines come out ready to
/// <see cref="Machine.Start"/>. A <see cref="VmShellPool"/> of the right shape takes VM and vCPU creation off the path.
/// </summary>
public static class VmBuilder
{
    /// <summary>The serial console's output when the caller does not want it.</summary>
    private static readonly Action<ReadOnlySpan<byte>> DiscardOutput = _ => { };

    /// <summary>Builds a Linux guest: the kernel entered in 64-bit mode per the boot protocol, the devices on its command line.</summary>
    /// <exception cref="KernelFormatException">The kernel or initrd cannot be loaded.</exception>
    /// <exception cref="KvmException">KVM refused a step.</exception>
    public static Machine BootKernel(
        KvmSystem kvm, MachineConfig config, KernelBootSource source, Action<ReadOnlySpan<byte>>? serialOutput = null, VmShellPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Build(kvm, config, serialOutput, pool, (memory, devices) =>
        {
            var commandLine = devices.KernelArguments.Length == 0 ? source.CommandLine : $"{source.CommandLine} {devices.KernelArguments}";
            var entry = LinuxBoot.Prepare(memory, source.KernelPath, source.InitrdPath, commandLine, config.VcpuCount);
            return (entry, Layout.ZeroPageAddress, CpuMode.LongMode);
        });
    }

    /// <summary>Builds a guest that is plain machine code, entered at its load address in the given mode.</summary>
    /// <exception cref="KvmException">KVM refused a step.</exception>
    public static Machine BootCode(
        KvmSystem kvm, MachineConfig config, CodeBootSource source, Action<ReadOnlySpan<byte>>? serialOutput = null, VmShellPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Build(kvm, config, serialOutput, pool, (memory, _) =>
        {
            source.Code.Span.CopyTo(memory.Slice(source.LoadAddress, (ulong)source.Code.Length));
            return (source.LoadAddress, 0UL, source.Mode);
        });
    }

    /// <summary>
    /// Builds the machine saved in <paramref name="directory"/>: same shape and devices, its memory a private copy-on-write
    /// mapping of the memory file (never written back), every vCPU, irqchip, clock and device state as saved.
    /// </summary>
    /// <exception cref="SnapshotFormatException">The snapshot is missing, corrupt or does not fit this host.</exception>
    /// <exception cref="KvmException">KVM refused a step.</exception>
    public static Machine Restore(KvmSystem kvm, string directory, Action<ReadOnlySpan<byte>>? serialOutput = null, VmShellPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(kvm);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var (config, reader) = MachineSnapshot.Open(directory);
        using (reader)
        {
            var shell = TakeShell(kvm, config, pool);
            MachineDevices? devices = null;
            try
            {
                shell.Memory.ReplaceWithFile(SnapshotFiles.MemoryPathIn(directory));
                devices = MachineDevices.Create(shell.Vm, shell.Memory, config, serialOutput ?? DiscardOutput);
                MachineSnapshot.Apply(reader, shell.Vm, shell.Vcpus, devices);
                return new Machine(config, shell.Vm, shell.Memory, shell.Vcpus, devices);
            }
            catch
            {
                devices?.Dispose();
                shell.Dispose();
                throw;
            }
        }
    }

    private static Machine Build(
        KvmSystem kvm,
        MachineConfig config,
        Action<ReadOnlySpan<byte>>? serialOutput,
        VmShellPool? pool,
        Func<GuestMemory, MachineDevices, (ulong Entry, ulong Rsi, CpuMode Mode)> load)
    {
        ArgumentNullException.ThrowIfNull(kvm);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var shell = TakeShell(kvm, config, pool);
        MachineDevices? devices = null;
        try
        {
            var memory = shell.Memory;
            devices = MachineDevices.Create(shell.Vm, memory, config, serialOutput ?? DiscardOutput);
            var (entry, rsi, mode) = load(memory, devices);
            ConfigureVcpus(shell, memory, entry, rsi, mode);
            return new Machine(config, shell.Vm, memory, shell.Vcpus, devices);
        }
        catch
        {
            devices?.Dispose();
            shell.Dispose();
            throw;
        }
    }

    private static VmShell TakeShell(KvmSystem kvm, MachineConfig config, VmShellPool? pool) =>
        pool is not null && pool.Fits(config) ? pool.Take() : VmShell.Create(kvm, ShellShape.Of(config));

    /// <summary>MSRs and LINT pins on every vCPU (the shell set CPUID); the entry state on the boot vCPU (the others wait for the guest's SIPI).</summary>
    private static void ConfigureVcpus(VmShell shell, GuestMemory memory, ulong entry, ulong rsi, CpuMode mode)
    {
        foreach (var vcpu in shell.Vcpus)
        {
            Msrs.SetBootValues(vcpu.Fd);
            if (shell.Vm.HasIrqchip)
            {
                Lapic.ConfigureLint(vcpu.Fd);
            }
        }

        var boot = shell.Vcpus[0].Fd;
        if (mode == CpuMode.LongMode)
        {
            BootCpu.ConfigureLongMode(boot, memory, entry, rsi);
        }
        else
        {
            BootCpu.ConfigureRealMode(boot, entry);
        }
    }
}
