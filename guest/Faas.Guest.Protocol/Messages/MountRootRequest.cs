namespace Faas.Guest.Protocol.Messages;

/// <summary>Mount a read-only disk as the lower layer of an overlay whose writable upper layer is tmpfs, then switch the guest's root to it.</summary>
/// <param name="Device">The block device, e.g. /dev/vda.</param>
/// <param name="FileSystem">erofs or ext4.</param>
public sealed record MountRootRequest(string Device, string FileSystem = "erofs");
