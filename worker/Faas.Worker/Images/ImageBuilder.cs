using System.Text.Json;
using Faas.Common.IO;
using Faas.Worker.Images.Caching;
using Faas.Worker.Images.Oci;
using Faas.Worker.Images.Pulling;
using Faas.Worker.Images.References;
using Faas.Worker.Images.Rootfs;
using Faas.Worker.Images.Unpacking;

namespace Faas.Worker.Images;

/// <summary>
/// Turns one resolved image into a cached root filesystem: skopeo copies it into the blob layout (under the layout's lock),
/// manifest and config are checked against their digests, layers are verified while they are unpacked into a private
/// temporary tree, mkfs.erofs builds the disk image, and the result is published. Whatever happens, the temporary tree and
/// the pull's tag are removed, and the cache is brought back under its limit.
/// </summary>
internal sealed class ImageBuilder
{
    private readonly CacheDirectories directories;
    private readonly BlobLayout layout;
    private readonly RootfsCache cache;
    private readonly Skopeo skopeo;
    private readonly ErofsBuilder erofs;
    private readonly UnpackLimits limits;
    private readonly long rootfsCacheLimitBytes;
    private readonly bool runningAsRoot;
    private readonly Func<IEnumerable<string>> inUse;

    /// <param name="inUse">Manifest digests this process is preparing: never evicted.</param>
    public ImageBuilder(
        CacheDirectories directories,
        BlobLayout layout,
        RootfsCache cache,
        Skopeo skopeo,
        ErofsBuilder erofs,
        UnpackLimits limits,
        long rootfsCacheLimitBytes,
        bool runningAsRoot,
        Func<IEnumerable<string>> inUse)
    {
        this.directories = directories;
        this.layout = layout;
        this.cache = cache;
        this.skopeo = skopeo;
        this.erofs = erofs;
        this.limits = limits;
        this.rootfsCacheLimitBytes = rootfsCacheLimitBytes;
        this.runningAsRoot = runningAsRoot;
        this.inUse = inUse;
    }

    /// <summary>Pulls, verifies, unpacks and builds one image, then publishes it in the cache; call while holding the image's lock.</summary>
    public async Task<CachedImageRecord> BuildAsync(
        ImageReference reference,
        string manifestDigest,
        string? indexDigest,
        AuthFile? authFile,
        IProgress<ImageProgress> progress,
        CancellationToken cancellationToken)
    {
        var name = reference.Original;
        void Report(ImagePhase phase, string? detail = null) => progress.Report(new ImageProgress(name, phase, detail));

        var tag = $"pull-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var tree = directories.NewTemporaryPath();
        var rootfs = directories.NewTemporaryPath(".erofs");
        var succeeded = false;
        try
        {
            Report(ImagePhase.Pulling, reference.PinnedSkopeoName(manifestDigest));
            using (await LockLayoutAsync(cancellationToken).ConfigureAwait(false))
            {
                layout.EnsureCreated();
                await skopeo.CopyAsync(reference, reference.PinnedSkopeoName(manifestDigest), layout.Directory, tag, authFile, new SynchronousProgress<string>(line => Report(ImagePhase.Pulling, line)), cancellationToken).ConfigureAwait(false);
            }

            Report(ImagePhase.Verifying);
            var manifestDescriptor = layout.FindTag(tag, name);
            var manifest = ManifestDocument.Parse(layout.ReadVerifiedBlob(manifestDescriptor, name), name).Manifest
                ?? throw new ImageException(ImageErrorKind.Unsupported, name, $"{name} resolved to an index rather than an image manifest.");
            var configFile = ParseConfig(layout.ReadVerifiedBlob(manifest.Config!, name), name);
            PlatformSelector.EnsureSupported(configFile, name);

            Directory.CreateDirectory(tree, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await Task.Run(
                () =>
                {
                    var imageTree = new ImageTree(tree, runningAsRoot);
                    LayerUnpacker.Unpack(layout, manifest.Layers!, new LayerApplier(imageTree, limits), name, progress.Report, cancellationToken);
                    imageTree.Complete();
                },
                cancellationToken).ConfigureAwait(false);

            Report(ImagePhase.BuildingRootfs);
            await erofs.BuildAsync(tree, rootfs, FilesystemUuid.FromDigest(manifestDigest), allRoot: !runningAsRoot, name, cancellationToken).ConfigureAwait(false);

            var blobs = new List<string> { manifestDescriptor.Digest, manifest.Config!.Digest };
            blobs.AddRange(manifest.Layers!.Select(layer => layer.Digest));
            var record = cache.Publish(rootfs, new CachedImageRecord(
                CachedImageRecord.CurrentFormatVersion,
                manifestDigest,
                indexDigest,
                name,
                0,
                ImageConfigReader.Read(configFile),
                blobs,
                default));
            succeeded = true;
            return record;
        }
        finally
        {
            RemoveTemporary(tree, rootfs);
            using (await LockLayoutAsync(CancellationToken.None).ConfigureAwait(false))
            {
                layout.RemoveTag(tag);
                var protectedDigests = new HashSet<string>(inUse(), StringComparer.Ordinal);
                RootfsEviction.Run(cache, directories, layout, succeeded ? rootfsCacheLimitBytes : long.MaxValue, protectedDigests);
            }
        }
    }

    private static void RemoveTemporary(string tree, string rootfs)
    {
        try
        {
            TreeRemoval.Remove(tree);
            File.Delete(rootfs);
        }
        catch (IOException)
        {
            // Named after this process: removed by the next store to start once it has exited.
        }
    }

    private Task<FileLock> LockLayoutAsync(CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(directories.LayoutLock, onWait: null, cancellationToken);

    private static OciImageConfigFile ParseConfig(byte[] content, string reference)
    {
        try
        {
            return JsonSerializer.Deserialize(content, OciJsonContext.Default.OciImageConfigFile)
                ?? throw new ImageException(ImageErrorKind.Unsupported, reference, $"the config of {reference} is empty.");
        }
        catch (JsonException exception)
        {
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"the config of {reference} is not a valid image config: {exception.Message}", exception);
        }
    }
}
