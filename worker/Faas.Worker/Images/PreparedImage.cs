namespace Faas.Worker.Images;

/// <summary>An image turned into a read-only root filesystem that a micro-VM can attach as a disk.</summary>
/// <param name="Reference">The reference the caller asked for.</param>
/// <param name="ManifestDigest">The digest of the linux/amd64 image manifest at the source; the cache key, stable for the same image on every worker.</param>
/// <param name="RootfsPath">The erofs disk image (lz4-compressed, byte-identical for the same manifest on every host).</param>
/// <param name="RootfsBytes">The size of <paramref name="RootfsPath"/> in bytes.</param>
/// <param name="Config">Entrypoint, command, environment and the rest of what the guest needs to start the image.</param>
public sealed record PreparedImage(string Reference, string ManifestDigest, string RootfsPath, long RootfsBytes, ImageConfig Config);
