namespace Faas.Worker.Snapshots.Eviction;

/// <summary>What one eviction pass found and did.</summary>
/// <param name="Evicted">The directories it deleted, in the order it deleted them.</param>
/// <param name="TotalBytes">The disk space the complete snapshots take after it.</param>
/// <param name="LimitBytes">The limit it kept them within, when it could (in-use and locked snapshots are kept even above it).</param>
internal sealed record EvictionPass(IReadOnlyList<EvictedSnapshot> Evicted, long TotalBytes, long LimitBytes);
