namespace Faas.Worker.Snapshots.Eviction;

/// <summary>
/// Runs <see cref="SnapshotEviction"/> passes in the background, one at a time: a request made while a pass waits to start shares it,
/// one made while a pass runs queues the next.
/// </summary>
internal sealed class SnapshotCacheKeeper(SnapshotStore store, long limitBytes, ISnapshotUsers users, Action<EvictedSnapshot> reportEviction)
{
    private readonly Lock _gate = new();
    private Task<EvictionPass?> _last = Task.FromResult<EvictionPass?>(null);
    private Task<EvictionPass?>? _queued;

    /// <summary>The most disk space complete snapshots may take.</summary>
    public long LimitBytes => limitBytes;

    /// <summary>Asks for a pass; the task ends with it (null when it could not read the snapshot directory).</summary>
    public Task<EvictionPass?> RequestAsync()
    {
        lock (_gate)
        {
            if (_queued is { } queued)
            {
                return queued;
            }

            var next = _last.ContinueWith(_ => RunPass(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            _queued = next;
            _last = next;
            return next;
        }
    }

    /// <summary>Waits for the passes asked for so far.</summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            return _last;
        }
    }

    private EvictionPass? RunPass()
    {
        lock (_gate)
        {
            _queued = null;
        }

        try
        {
            var pass = SnapshotEviction.Run(store, limitBytes, users);
            foreach (var evicted in pass.Evicted)
            {
                reportEviction(evicted);
            }

            return pass;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The snapshot directory cannot be read now: the next pass tries again.
            return null;
        }
    }
}
