namespace Faas.Vmm;

/// <summary>A hypervisor that boots micro-VMs whose PID 1 is the faas guest agent.</summary>
public interface IVmBackend
{
    /// <summary>The name users pass to --backend (kvm, qemu).</summary>
    string Name { get; }

    /// <summary>Boots a VM and returns once its agent has said hello.</summary>
    /// <exception cref="VmException">The VM could not be started or its agent never became ready.</exception>
    Task<IMicroVm> BootAsync(VmBootSpec spec, CancellationToken cancellationToken = default);
}
