namespace Faas.Vmm;

/// <summary>What to boot: a guest kernel, an initramfs holding the agent, and the VM's size.</summary>
/// <param name="KernelPath">Uncompressed vmlinux (PVH entry) or bzImage.</param>
/// <param name="InitrdPath">The initramfs (cpio newc) whose /init is the guest agent.</param>
/// <param name="MemoryMiB">Guest RAM.</param>
/// <param name="VcpuCount">Virtual CPUs.</param>
/// <param name="ExtraKernelArguments">Appended to the backend's own kernel command line.</param>
/// <param name="Disks">Block devices in order: /dev/vda, /dev/vdb, …</param>
/// <param name="Snapshottable">
/// The VM will be snapshotted (<see cref="IVmBackend.SnapshotAsync"/>): the backend lays out guest memory for that from
/// the start (e.g. in a file of the VM's own). Only VMs booted with it can be snapshotted.
/// </param>
public sealed record VmBootSpec(
    string KernelPath,
    string InitrdPath,
    int MemoryMiB = 256,
    int VcpuCount = 1,
    string? ExtraKernelArguments = null,
    IReadOnlyList<VmDisk>? Disks = null,
    bool Snapshottable = false);
