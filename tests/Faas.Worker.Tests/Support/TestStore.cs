using Faas.Worker.Images;

namespace Faas.Worker.Tests.Support;

/// <summary>An <see cref="ImageStore"/> over a private cache directory, with its tool runs counted.</summary>
public sealed class TestStore : IDisposable
{
    private readonly TemporaryDirectory cacheRoot;

    public TestStore(long rootfsCacheLimitBytes = 1L << 40, TemporaryDirectory? sharedCache = null, int maxEntries = 500_000, long maxFileBytes = 4L << 30, long maxTreeBytes = 16L << 30)
    {
        cacheRoot = sharedCache ?? new TemporaryDirectory("faas-cache-");
        OwnsCache = sharedCache is null;
        Options = new ImageStoreOptions
        {
            CacheRoot = cacheRoot.Path,
            RootfsCacheLimitBytes = rootfsCacheLimitBytes,
            MaxEntries = maxEntries,
            MaxFileBytes = maxFileBytes,
            MaxTreeBytes = maxTreeBytes,
        };
        Store = new ImageStore(Options, Runner, TimeProvider.System);
    }

    public ImageStoreOptions Options { get; }

    public ImageStore Store { get; }

    public string CacheRoot => cacheRoot.Path;

    public string ImagesDirectory => Path.Combine(cacheRoot.Path, "images");

    internal CountingToolRunner Runner { get; } = new();

    private bool OwnsCache { get; }

    public Task<PreparedImage> PrepareAsync(string reference, RegistryCredentials? credentials = null, IProgress<ImageProgress>? progress = null) =>
        Store.PrepareAsync(reference, credentials, progress, TestContext.Current.CancellationToken);

    /// <summary>Every file under the images cache, relative to it (lock files excepted).</summary>
    public IReadOnlyList<string> CacheFiles() =>
        Directory.Exists(ImagesDirectory)
            ? Directory.EnumerateFileSystemEntries(ImagesDirectory, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(ImagesDirectory, path))
                .Where(path => !path.EndsWith(".lock", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public void Dispose()
    {
        if (OwnsCache)
        {
            cacheRoot.Dispose();
        }
    }
}
