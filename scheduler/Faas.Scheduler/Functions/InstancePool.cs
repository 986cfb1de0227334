namespace Faas.Scheduler.Functions;

/// <summary>
/// A function's live instances, the leases held on them, the instances being started and the calls waiting for one. Not
/// thread-safe: the grain uses it between awaits only.
/// </summary>
internal sealed class InstancePool
{
    /// <summary>How long a stopped instance is remembered for memory accounting: longer than any worker goes between reports.</summary>
    private static readonly TimeSpan ReleasedKept = TimeSpan.FromMinutes(2);

    /// <summary>How long a worker's report may take from its measurement to the registry's stamp (heartbeat calls time out after 3 s).</summary>
    private static readonly TimeSpan ReportLag = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeaseRecord> _leases = new(StringComparer.Ordinal);
    private readonly List<PendingStart> _pending = [];
    private readonly LinkedList<TaskCompletionSource<InstanceSlot?>> _waiters = new();
    private readonly HashSet<string> _stopping = new(StringComparer.Ordinal);
    private readonly List<(InstanceSlot Slot, DateTimeOffset At)> _released = [];

    public IReadOnlyCollection<InstanceSlot> Slots => _slots.Values;

    public int WaiterCount => _waiters.Count;

    public bool IsIdle => _slots.Count == 0 && _pending.Count == 0 && _waiters.Count == 0;

    public bool Contains(InstanceSlot slot) => _slots.TryGetValue(slot.Id, out var known) && ReferenceEquals(known, slot);

    public bool Knows(string instanceId) => _slots.ContainsKey(instanceId) || _stopping.Contains(instanceId);

    public InstanceSlot? Find(string instanceId) => _slots.GetValueOrDefault(instanceId);

    /// <summary>The most recently used instance of <paramref name="version"/> with room for another call, so the others go idle and get reaped.</summary>
    public InstanceSlot? FindRoom(int version, int maxConcurrency) =>
        _slots.Values
            .Where(slot => slot.Version == version && slot.ActiveLeases < maxConcurrency)
            .OrderByDescending(slot => slot.LastUsedAt)
            .FirstOrDefault();

    /// <summary>Live and starting instances of <paramref name="version"/>: what maxInstances caps.</summary>
    public int Count(int version) => _slots.Values.Count(slot => slot.Version == version) + _pending.Count(start => start.Version == version);

    public bool HasPending(int version) => _pending.Exists(start => start.Version == version);

    public bool HasPending(string workerId, int version) => _pending.Exists(start => start.Version == version && (start.WorkerId is null || start.WorkerId == workerId));

    public PendingStart BeginStart(int version)
    {
        var start = new PendingStart(version);
        _pending.Add(start);
        return start;
    }

    public void EndStart(PendingStart start) => _pending.Remove(start);

    /// <summary>
    /// Guest RAM this function holds on a worker beyond what the worker's last report (at <paramref name="reportedAt"/>) counts:
    /// instances starting or started since, less instances it counted that have stopped since.
    /// </summary>
    /// <remarks>
    /// The registry stamps a report when it arrives, a little after the worker measured it: an instance added within
    /// <see cref="ReportLag"/> before the stamp may be missing from the report, so it counts as unreported (counting it twice
    /// for a moment only makes the worker look fuller until its next report).
    /// </remarks>
    public int UnreportedMiB(string workerId, DateTimeOffset reportedAt)
    {
        var surelyReported = reportedAt - ReportLag;
        _released.RemoveAll(released => released.At < reportedAt - ReleasedKept);
        return _pending.Where(start => start.WorkerId == workerId).Sum(start => start.MemoryMiB)
            + _slots.Values.Where(slot => slot.WorkerId == workerId && slot.AddedAt > surelyReported).Sum(slot => slot.MemoryMiB)
            - _released.Where(released => released.Slot.WorkerId == workerId && released.At > reportedAt && released.Slot.AddedAt <= surelyReported).Sum(released => released.Slot.MemoryMiB);
    }

    public void Add(InstanceSlot slot) => _slots[slot.Id] = slot;

    /// <summary>Forgets an instance; leases still held on it end without effect.</summary>
    public bool Remove(InstanceSlot slot)
    {
        if (!_slots.Remove(slot.Id))
        {
            return false;
        }

        _released.Add((slot, DateTimeOffset.UtcNow));
        return true;
    }

    /// <summary>Forgets an instance that is being stopped, and keeps it from being adopted again while its worker still lists it.</summary>
    public void BeginStop(InstanceSlot slot)
    {
        Remove(slot);
        _stopping.Add(slot.Id);
    }

    public void EndStop(InstanceSlot slot) => _stopping.Remove(slot.Id);

    /// <summary>A new lease on <paramref name="slot"/>, counting one more call on it.</summary>
    public string Lease(InstanceSlot slot, DateTimeOffset now)
    {
        slot.ActiveLeases++;
        return Hold(slot, now);
    }

    /// <summary>A lease for a call already counted on <paramref name="slot"/> (handed over, or started for that call).</summary>
    public string Hold(InstanceSlot slot, DateTimeOffset now)
    {
        var leaseId = Guid.NewGuid().ToString("N");
        _leases[leaseId] = new LeaseRecord(slot.Id, now);
        return leaseId;
    }

    /// <summary>Ends a lease; the instance it held when it is still known (its call count is the caller's to lower).</summary>
    public InstanceSlot? EndLease(string leaseId) =>
        _leases.Remove(leaseId, out var lease) ? _slots.GetValueOrDefault(lease.InstanceId) : null;

    /// <summary>Leases handed out before <paramref name="cutoff"/>: calls that can no longer be running, whose release never came.</summary>
    public IReadOnlyList<string> LeasesBefore(DateTimeOffset cutoff) =>
        [.. _leases.Where(lease => lease.Value.LeasedAt < cutoff).Select(lease => lease.Key)];

    public TaskCompletionSource<InstanceSlot?> Enqueue()
    {
        var waiter = new TaskCompletionSource<InstanceSlot?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.AddLast(waiter);
        return waiter;
    }

    public void LeaveQueue(TaskCompletionSource<InstanceSlot?> waiter) => _waiters.Remove(waiter);

    /// <summary>Gives <paramref name="slot"/>, with one more call counted on it, to the first waiting call; false when none waits.</summary>
    public bool TryHandOver(InstanceSlot slot)
    {
        if (_waiters.First is not { } first)
        {
            return false;
        }

        _waiters.RemoveFirst();
        slot.ActiveLeases++;
        first.Value.TrySetResult(slot);
        return true;
    }

    /// <summary>Tells the first waiting call to look again (an instance may now be started).</summary>
    public void WakeOne()
    {
        if (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.TrySetResult(null);
        }
    }

    public void WakeAll()
    {
        while (_waiters.Count > 0)
        {
            WakeOne();
        }
    }

    public void Clear()
    {
        _slots.Clear();
        _leases.Clear();
        WakeAll();
    }
}
