using Faas.Worker.Images.Oci;

namespace Faas.Worker.Images.Caching;

/// <summary>
/// The <c>images/</c> folder of the cache: <c>blobs/</c> (the OCI layout skopeo pulls into) and its lock, <c>rootfs/</c>
/// (per manifest digest: <c>HEX.erofs</c>, <c>HEX.json</c>, and <c>INDEXHEX.index</c> naming the manifest an index resolved to),
/// <c>locks/</c> (one per image being built), and <c>tmp/</c> (unpacked trees and images being built, named after their process).
/// Private to the owner: images may come from private registries.
/// </summary>
internal sealed class CacheDirectories
{
    public CacheDirectories(string cacheRoot)
    {
        Root = Path.Combine(cacheRoot, "images");
    }

    public string Root { get; }

    public string Layout => Path.Combine(Root, "blobs");

    public string LayoutLock => Path.Combine(Root, "blobs.lock");

    public string Rootfs => Path.Combine(Root, "rootfs");

    public string Locks => Path.Combine(Root, "locks");

    public string Temporary => Path.Combine(Root, "tmp");

    public string RootfsPath(string manifestDigest) => Path.Combine(Rootfs, BlobDigest.Hex(manifestDigest) + ".erofs");

    public string RecordPath(string manifestDigest) => Path.Combine(Rootfs, BlobDigest.Hex(manifestDigest) + ".json");

    public string AliasPath(string indexDigest) => Path.Combine(Rootfs, BlobDigest.Hex(indexDigest) + ".index");

    public string ImageLock(string manifestDigest) => Path.Combine(Locks, BlobDigest.Hex(manifestDigest) + ".lock");

    /// <summary>A name in <see cref="Temporary"/> that marks this process as its owner.</summary>
    public string NewTemporaryPath(string suffix = "") => Path.Combine(Temporary, $"{Environment.ProcessId}-{Guid.NewGuid():N}{suffix}");

    public void EnsureCreated()
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Root, ownerOnly);
        File.SetUnixFileMode(Root, ownerOnly);
        Directory.CreateDirectory(Rootfs, ownerOnly);
        Directory.CreateDirectory(Locks, ownerOnly);
        Directory.CreateDirectory(Temporary, ownerOnly);
    }
}
