namespace Faas.Vmm.Boot;

/// <summary>A Linux guest: kernel (vmlinux ELF or bzImage), optional initramfs, and the command line.</summary>
/// <param name="KernelPath">The kernel image.</param>
/// <param name="InitrdPath">The initramfs (cpio), or null.</param>
/// <param name="CommandLine">The kernel command line; the VMM appends the virtio_mmio.device= arguments for its devices.</param>
public sealed record KernelBootSource(string KernelPath, string? InitrdPath, string CommandLine);
