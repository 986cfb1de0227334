namespace Faas.Guest.Agent.Processes;

/// <summary>Collects the exit status of the agent's children.</summary>
/// <remarks>
/// Spawn under <see cref="HoldReaping"/> and call <see cref="Watch"/> before releasing it:
/// a child that exits at once is then still delivered to its watcher.
/// </remarks>
internal interface IChildReaper
{
    ReapingHold HoldReaping();

    /// <summary>Completes when the child <paramref name="pid"/> has ended and been reaped.</summary>
    Task<ChildExit> Watch(int pid);
}
