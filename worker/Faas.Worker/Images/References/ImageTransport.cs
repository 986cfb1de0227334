namespace Faas.Worker.Images.References;

internal enum ImageTransport
{
    /// <summary>An OCI distribution registry: <c>host[:port]/repo[:tag|@sha256:…]</c>.</summary>
    Registry,

    /// <summary>An OCI image layout directory: <c>oci:DIR[:TAG]</c>.</summary>
    OciLayout,

    /// <summary>A tarball of an OCI image layout: <c>oci-archive:FILE[:TAG]</c>.</summary>
    OciArchive,

    /// <summary>What <c>docker save</c> writes: <c>docker-archive:FILE</c>.</summary>
    DockerArchive,
}
