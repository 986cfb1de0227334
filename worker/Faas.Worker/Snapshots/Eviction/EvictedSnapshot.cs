namespace Faas.Worker.Snapshots.Eviction;

/// <summary>A snapshot directory one eviction pass deleted.</summary>
/// <param name="Key">Its content key.</param>
/// <param name="Reason">Over the limit, or incomplete.</param>
/// <param name="Bytes">The disk space it took.</param>
/// <param name="LastUsedUtc">When it was last used (complete snapshots).</param>
internal sealed record EvictedSnapshot(string Key, EvictionReason Reason, long Bytes, DateTime LastUsedUtc);
