namespace Faas.Vmm.Guest;

/// <summary>Everything needed to boot a guest: the kernel (uncompressed for PVH entry, and as a bzImage) and the initramfs holding the agent.</summary>
/// <param name="KernelPath">The uncompressed vmlinux (PVH entry).</param>
public sealed record GuestImage(string KernelPath, string BzImagePath, string InitrdPath, string KernelKey, string AgentKey, string KernelRelease);
