namespace Faas.Worker.Snapshots.Transfer;

/// <summary>How <see cref="SnapshotStore"/> fetches a snapshot instead of taking it.</summary>
/// <param name="IntoAsync">
/// Fetches into the empty directory it is given, with <c>vm/</c> ready for this worker, and returns the function's channel; or returns
/// null, having called <paramref name="Failed"/>.
/// </param>
/// <param name="Failed">Told why a fetch came to nothing (the snapshot is then taken).</param>
internal sealed record SnapshotFetch(Func<string, CancellationToken, Task<uint?>> IntoAsync, Action<string> Failed);
