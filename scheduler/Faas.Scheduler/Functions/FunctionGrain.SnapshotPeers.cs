using Faas.Scheduler.Workers;
using Microsoft.Extensions.Logging;

namespace Faas.Scheduler.Functions;

internal sealed partial class FunctionGrain
{
    /// <summary>How long a holder may take to say its snapshot's digest (the first time it reads the whole snapshot).</summary>
    private static readonly TimeSpan PeerDigestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A live worker, other than <paramref name="targetId"/>, that holds this version's snapshot and tells its digest: the target
    /// fetches the snapshot from it rather than booting a VM to take its own. Null when there is none.
    /// </summary>
    private async Task<SnapshotPeer?> FindSnapshotPeerAsync(VersionState version, string targetId, IReadOnlyList<WorkerStatus> workers)
    {
        foreach (var (holderId, key) in version.Snapshots)
        {
            if (holderId == targetId || workers.FirstOrDefault(worker => worker.Registration.WorkerId == holderId) is not { } holder)
            {
                continue;
            }

            try
            {
                if (await Worker(holderId).GetSnapshotDigestAsync(key).WaitAsync(PeerDigestTimeout) is { } digest)
                {
                    return new SnapshotPeer(holder.Registration.Url, key, digest);
                }
            }
            catch (Exception e) when (IsCallFailure(e))
            {
                LogSyncFailed(logger, _key, e.Message);
            }
        }

        return null;
    }
}
