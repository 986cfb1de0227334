namespace Faas.Worker.Images.Caching;

/// <summary>The JSON file next to each cached erofs image: what the agent needs to start it, and what eviction needs.</summary>
/// <param name="ManifestDigest">The source's linux/amd64 manifest digest, the cache key.</param>
/// <param name="IndexDigest">The index the manifest was chosen from, when the reference pointed to one.</param>
/// <param name="Reference">The reference the image was first prepared from.</param>
/// <param name="Blobs">The blobs of the image in the blob layout, kept while the image is cached.</param>
/// <param name="LastUsedUtc">When the image was last prepared; the least recently used images are evicted first.</param>
internal sealed record CachedImageRecord(
    int FormatVersion,
    string ManifestDigest,
    string? IndexDigest,
    string Reference,
    long RootfsBytes,
    ImageConfig Config,
    IReadOnlyList<string> Blobs,
    DateTimeOffset LastUsedUtc)
{
    public const int CurrentFormatVersion = 1;
}
