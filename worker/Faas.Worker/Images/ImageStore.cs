using Faas.Common.IO;
using Faas.Vmm.Caching;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Faas.Worker.Images.Caching;
using Faas.Worker.Images.Interop;
using Faas.Worker.Images.Oci;
using Faas.Worker.Images.Pulling;
using Faas.Worker.Images.References;
using Faas.Worker.Images.Rootfs;
using Faas.Worker.Images.Tools;
using Faas.Worker.Images.Unpacking;

namespace Faas.Worker.Images;

/// <summary>
/// Turns container images into micro-VM root filesystems: reference → verified layers → unpacked tree → deterministic read-only
/// erofs disk image, cached by manifest digest under <c>images/</c> in the faas cache.
/// </summary>
/// <remarks>
/// Concurrent requests for the same image in one process share one pull; across processes a file lock per image makes the
/// second wait for the first and use its result. References by digest that are already cached are served without asking the
/// registry; references by tag are resolved at the source every time (a tag may move).
/// </remarks>
public sealed class ImageStore
{
    private readonly CacheDirectories directories;
    private readonly RootfsCache cache;
    private readonly Skopeo skopeo;
    private readonly ImageBuilder builder;
    private readonly SingleFlight<PreparedImage> flights = new();
    private readonly ConcurrentDictionary<string, int> inUse = new(StringComparer.Ordinal);
    private int leftoversRemoved;

    /// <summary>Creates a store over the cache that <paramref name="options"/> names; nothing is touched on disk until the first call.</summary>
    public ImageStore(ImageStoreOptions options)
        : this(options, CliWrapToolRunner.Instance, TimeProvider.System)
    {
    }

    internal ImageStore(ImageStoreOptions options, IToolRunner runner, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        directories = new CacheDirectories(CacheRootResolver.Resolve(options.CacheRoot));
        cache = new RootfsCache(directories, time);
        skopeo = new Skopeo(options.SkopeoPath, runner);
        builder = new ImageBuilder(
            directories,
            new BlobLayout(directories.Layout),
            cache,
            skopeo,
            new ErofsBuilder(options.MkfsErofsPath, runner),
            new UnpackLimits(options.MaxFileBytes, options.MaxTreeBytes, options.MaxEntries),
            options.RootfsCacheLimitBytes,
            runningAsRoot: LibC.geteuid() == 0,
            () => inUse.Keys);
    }

    /// <summary>The <c>images/</c> folder of the cache.</summary>
    public string CacheDirectory => directories.Root;

    internal CacheDirectories Directories => directories;

    /// <summary>
    /// Returns the erofs root filesystem and config of an image, pulling and building it unless it is cached.
    /// </summary>
    /// <param name="reference">
    /// <c>host[:port]/repository[:tag|@sha256:…]</c> (HTTPS, or plain HTTP for 127.0.0.0/8, localhost and [::1]),
    /// <c>oci:DIR[:TAG]</c>, <c>oci-archive:FILE[:TAG]</c> or <c>docker-archive:FILE</c>. Indexes resolve to linux/amd64.
    /// </param>
    /// <param name="credentials">For registries that need them; null pulls anonymously (the host's own registry logins are never used).</param>
    /// <param name="progress">Receives each step: resolving, pulling, verifying, unpacking layer i/n, building, cached or ready.</param>
    /// <param name="cancellationToken">Stops waiting; the work itself stops when every caller waiting for the same image has cancelled.</param>
    /// <exception cref="ImageException">The image cannot be used; <see cref="ImageException.Kind"/> says why and the message what to do.</exception>
    public async Task<PreparedImage> PrepareAsync(
        string reference,
        RegistryCredentials? credentials = null,
        IProgress<ImageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var parsed = ImageReferenceParser.Parse(reference);
        var key = $"{parsed.SkopeoName}\n{Fingerprint(credentials)}";
        return await flights.RunAsync(key, (shared, token) => PrepareCoreAsync(parsed, credentials, shared, token), progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PreparedImage> PrepareCoreAsync(ImageReference reference, RegistryCredentials? credentials, IProgress<ImageProgress> progress, CancellationToken cancellationToken)
    {
        var name = reference.Original;
        void Report(ImagePhase phase, string? detail = null) => progress.Report(new ImageProgress(name, phase, detail));

        directories.EnsureCreated();
        if (Interlocked.Exchange(ref leftoversRemoved, 1) == 0)
        {
            Leftovers.Remove(directories.Temporary);
        }

        if (reference.Digest is { } pinned && cache.TryGet(cache.TryResolveIndex(pinned) ?? pinned) is { } pinnedHit)
        {
            return Hit(reference, pinnedHit, Report);
        }

        Report(ImagePhase.Resolving, reference.SkopeoName);
        using var authFile = AuthFile.Create(directories.Temporary, reference.RegistryHost, credentials);
        var document = ManifestDocument.Parse(await skopeo.InspectRawAsync(reference, authFile, cancellationToken).ConfigureAwait(false), name);
        if (reference.Digest is { } requested && requested != document.Digest)
        {
            throw new ImageException(ImageErrorKind.DigestMismatch, name, $"the manifest served for {name} does not match its digest (it hashes to {document.Digest}).")
            {
                BlobDigest = requested,
            };
        }

        var indexDigest = document.Index is null ? null : document.Digest;
        var manifestDigest = document.Index is { } index ? PlatformSelector.SelectManifest(index, name).Digest : document.Digest;
        if (cache.TryGet(manifestDigest) is { } hit)
        {
            return Hit(reference, hit, Report);
        }

        inUse.AddOrUpdate(manifestDigest, 1, (_, count) => count + 1);
        try
        {
            using var imageLock = await FileLock.AcquireAsync(
                directories.ImageLock(manifestDigest),
                _ => Report(ImagePhase.Pulling, "waiting for another process preparing the same image"),
                cancellationToken).ConfigureAwait(false);
            if (cache.TryGet(manifestDigest) is { } builtMeanwhile)
            {
                return Hit(reference, builtMeanwhile, Report);
            }

            var record = await builder.BuildAsync(reference, manifestDigest, indexDigest, authFile, progress, cancellationToken).ConfigureAwait(false);
            Report(ImagePhase.Ready, record.RootfsBytes + " bytes");
            return ToPreparedImage(reference, record);
        }
        finally
        {
            inUse.AddOrUpdate(manifestDigest, 0, (_, count) => count - 1);
            inUse.TryRemove(new KeyValuePair<string, int>(manifestDigest, 0));
        }
    }

    private PreparedImage Hit(ImageReference reference, CachedImageRecord record, Action<ImagePhase, string?> report)
    {
        var touched = cache.Touch(record);
        report(ImagePhase.Cached, touched.ManifestDigest);
        return ToPreparedImage(reference, touched);
    }

    private PreparedImage ToPreparedImage(ImageReference reference, CachedImageRecord record) =>
        new(reference.Original, record.ManifestDigest, directories.RootfsPath(record.ManifestDigest), record.RootfsBytes, record.Config);

    /// <summary>Callers with different credentials never share a pull: one must not ride on another's access.</summary>
    private static string Fingerprint(RegistryCredentials? credentials) =>
        credentials is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{credentials.Username}\0{credentials.Password}\0{credentials.BearerToken}")));
}
