namespace Faas.Worker.Snapshots.Eviction;

/// <summary>Who uses which snapshots in this process (deployed functions and deploys under way).</summary>
internal interface ISnapshotUsers
{
    /// <summary>
    /// Runs <paramref name="retire"/> unless the snapshot with this key is in use, such that no deploy starts using it meanwhile;
    /// false when it is in use (and <paramref name="retire"/> did not run).
    /// </summary>
    bool RunUnlessInUse(string key, Action retire);
}
