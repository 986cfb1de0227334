using Faas.Vmm.Arch.X64;
using Faas.Vmm.Kvm;
using Faas.Vmm.Vstate;

namespace Faas.Vmm.Boot;

/// <summary>
/// A VM made ahead of time, everything that does not depend on the guest: KVM_CREATE_VM, the irqchip and PIT, guest memory
/// reserved and registered as the memory slot, the vCPUs with their CPUID and their threads; never run. A restore into one maps
/// the snapshot's memory file over the reserved range, puts the state back and runs.
/// </summary>
public sealed class VmShell : IDisposable
{
    private VmShell(ShellShape shape, Vm vm, GuestMemory memory, Vcpu[] vcpus)
    {
        Shape = shape;
        Vm = vm;
        Memory = memory;
        Vcpus = vcpus;
    }

    public ShellShape Shape { get; }

    internal Vm Vm { get; }

    /// <summary>Anonymous memory of the shape's size, already the VM's memory slot (zeros until a boot loads it or a restore replaces it).</summary>
    internal GuestMemory Memory { get; }

    internal Vcpu[] Vcpus { get; }

    /// <exception cref="KvmException">KVM refused a step.</exception>
    public static VmShell Create(KvmSystem kvm, ShellShape shape)
    {
        ArgumentNullException.ThrowIfNull(kvm);
        ArgumentNullException.ThrowIfNull(shape);
        var memory = GuestMemory.CreateAnonymous(shape.MemoryBytes);
        Vm vm;
        try
        {
            vm = Vm.Create(kvm, memory, shape.Irqchip);
        }
        catch
        {
            memory.Dispose();
            throw;
        }

        var vcpus = new List<Vcpu>(shape.VcpuCount);
        try
        {
            var supported = kvm.GetSupportedCpuid();
            for (var i = 0; i < shape.VcpuCount; i++)
            {
                var vcpu = vm.CreateVcpu(i);
                vcpus.Add(vcpu);
                vcpu.SetCpuid(Cpuid.Normalize(supported, i, shape.VcpuCount, shape.CpuidPolicy));
            }

            return new VmShell(shape, vm, memory, [.. vcpus]);
        }
        catch
        {
            foreach (var vcpu in vcpus)
            {
                vcpu.Dispose();
            }

            vm.Dispose();
            memory.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var vcpu in Vcpus)
        {
            vcpu.Dispose();
        }

        Vm.Dispose();
        Memory.Dispose();
    }
}
