namespace Faas.Worker.Snapshots;

/// <summary>A peer worker that holds a function's snapshot, and what the fetched snapshot must hash to.</summary>
/// <param name="Worker">The peer's HTTP endpoint, e.g. <c>http://127.0.0.1:18081/</c>.</param>
/// <param name="Key">The snapshot's content key (<see cref="SnapshotKey"/>); fetched only when it is the key this worker computes.</param>
/// <param name="Digest">
/// The digest (<c>sha256:HEX</c>, see <see cref="Transfer.SnapshotDigest"/>) the fetched files must have, learnt through a trusted channel;
/// the digest the peer itself announces is not trusted.
/// </param>
public sealed record SnapshotSource(Uri Worker, string Key, string Digest);
