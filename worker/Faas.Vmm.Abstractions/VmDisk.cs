namespace Faas.Vmm;

/// <summary>A disk image attached to the guest as a virtio-blk device (the first is /dev/vda, then /dev/vdb, …).</summary>
/// <param name="Path">The raw disk image, e.g. an image's erofs root filesystem.</param>
/// <param name="ReadOnly">Attach read-only (root filesystems are shared by every VM of a function).</param>
public sealed record VmDisk(string Path, bool ReadOnly = true);
