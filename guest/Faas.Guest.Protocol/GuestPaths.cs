namespace Faas.Guest.Protocol;

/// <summary>Paths inside the guest that the host relies on.</summary>
public static class GuestPaths
{
    /// <summary>Once an image is the root, the initramfs's busybox stays reachable here (read-only), whatever the image contains: /run/faas/tools/busybox wget, sh, …</summary>
    public const string Tools = "/run/faas/tools";

    public const string Busybox = Tools + "/busybox";
}
