namespace Faas.Worker.Snapshots.Eviction;

/// <summary>Why a snapshot directory was deleted.</summary>
internal enum EvictionReason
{
    /// <summary>Complete, used least recently, while the snapshots took more than the limit.</summary>
    OverLimit,

    /// <summary>Never completed (a take was interrupted) and nobody is taking it.</summary>
    Incomplete,
}
