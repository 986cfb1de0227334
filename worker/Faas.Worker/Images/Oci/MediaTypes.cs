namespace Faas.Worker.Images.Oci;

internal static class MediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    public static bool IsConfig(string? mediaType) => mediaType is OciConfig or DockerConfig;

    /// <summary>
    /// OCI (<c>application/vnd.oci.image.layer.v1.tar[+gzip|+zstd]</c>, also nondistributable) and Docker
    /// (<c>application/vnd.docker.image.rootfs[.foreign].diff.tar[.gzip]</c>) layers. The compression is read from the blob's
    /// first bytes rather than trusted from the media type: docker-archive sources label uncompressed layers as gzip.
    /// </summary>
    public static bool IsLayer(string? mediaType) =>
        mediaType is not null
        && (mediaType.StartsWith("application/vnd.oci.image.layer.", StringComparison.Ordinal)
            || mediaType.StartsWith("application/vnd.docker.image.rootfs.", StringComparison.Ordinal));
}
