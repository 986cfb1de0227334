namespace Faas.Vmm;

/// <summary>A hypervisor that boots micro-VMs whose PID 1 is the faas guest agent, snapshots them and restores the snapshots.</summary>
public interface IVmBackend
{
    /// <summary>The name users pass to --backend (kvm, qemu).</summary>
    string Name { get; }

    /// <summary>Boots a VM and returns once its agent has said hello.</summary>
    /// <exception cref="VmException">The VM could not be started or its agent never became ready.</exception>
    Task<IMicroVm> BootAsync(VmBootSpec spec, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses the VM, saves its memory and device state into <paramref name="directory"/>, then stops it (dispose it
    /// afterwards as usual). The directory must be missing or empty; the snapshot appears in it complete or not at all, and
    /// the backend never writes to it again (restores only read it).
    /// </summary>
    /// <param name="vm">A VM of this backend booted with <see cref="VmBootSpec.Snapshottable"/>.</param>
    /// <param name="directory">Where the snapshot goes.</param>
    /// <param name="cancellationToken">Stops waiting; a snapshot cancelled while saving also stops the VM.</param>
    /// <exception cref="VmException">
    /// The VM cannot be snapshotted (not snapshottable, stopped, the directory is in use) — it is left as it was — or saving
    /// failed, and the VM was stopped.
    /// </exception>
    Task<VmSnapshot> SnapshotAsync(IMicroVm vm, string directory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a new VM from a snapshot: running, with its agent channel attached to the session the snapshot holds (the
    /// agent sends no new hello). Restores never write to the snapshot's files, so any number of VMs can be restored
    /// from one snapshot at once.
    /// </summary>
    /// <exception cref="VmException">The snapshot is not this backend's, is incomplete or corrupt, or the VM did not resume.</exception>
    Task<IMicroVm> RestoreAsync(VmSnapshot snapshot, CancellationToken cancellationToken = default);
}
