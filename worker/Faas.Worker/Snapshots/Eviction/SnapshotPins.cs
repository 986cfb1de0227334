namespace Faas.Worker.Snapshots.Eviction;

/// <summary>
/// The snapshots this process uses: those of deployed functions (<paramref name="isDeployed"/>) and those deploys under way have pinned.
/// Pinning and evicting exclude each other, so a deploy either keeps its snapshot from eviction or finds it gone and takes it again.
/// </summary>
internal sealed class SnapshotPins(Func<string, bool> isDeployed) : ISnapshotUsers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _pinned = new(StringComparer.Ordinal);

    /// <summary>Keeps the snapshot with this key until the returned pin is disposed.</summary>
    public IDisposable Pin(string key)
    {
        lock (_gate)
        {
            _pinned[key] = _pinned.GetValueOrDefault(key) + 1;
        }

        return new Held(this, key);
    }

    public bool RunUnlessInUse(string key, Action retire)
    {
        ArgumentNullException.ThrowIfNull(retire);
        lock (_gate)
        {
            if (_pinned.ContainsKey(key) || isDeployed(key))
            {
                return false;
            }

            retire();
            return true;
        }
    }

    private void Release(string key)
    {
        lock (_gate)
        {
            if (--_pinned[key] == 0)
            {
                _pinned.Remove(key);
            }
        }
    }

    private sealed class Held(SnapshotPins pins, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pins.Release(key);
            }
        }
    }
}
