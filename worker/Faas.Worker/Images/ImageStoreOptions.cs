namespace Faas.Worker.Images;

/// <summary>Where <see cref="ImageStore"/> keeps its cache, how large it may grow, and which tools it runs.</summary>
public sealed class ImageStoreOptions
{
    /// <summary>The faas cache root; images go in its <c>images/</c> folder. Null: $FAAS_CACHE_DIR, else $XDG_CACHE_HOME/faas, else ~/.cache/faas.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>When the erofs images together exceed this, the least recently used ones are removed (never the one being prepared).</summary>
    public long RootfsCacheLimitBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>The largest file a layer may contain.</summary>
    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The most file data all layers of an image may contain together.</summary>
    public long MaxTreeBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>The most tar entries all layers of an image may contain together.</summary>
    public int MaxEntries { get; init; } = 500_000;

    /// <summary>The skopeo program (a path, or a name looked up on PATH).</summary>
    public string SkopeoPath { get; init; } = "skopeo";

    /// <summary>The mkfs.erofs program (a path, or a name looked up on PATH).</summary>
    public string MkfsErofsPath { get; init; } = "mkfs.erofs";
}
