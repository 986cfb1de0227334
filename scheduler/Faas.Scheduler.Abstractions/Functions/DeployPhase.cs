namespace Faas.Scheduler.Functions;

/// <summary>The steps of a deploy, in order, for progress display.</summary>
public enum DeployPhase
{
    Queued,
    Resolving,
    Pulling,
    Verifying,
    Unpacking,
    BuildingRootfs,
    Booting,
    Snapshotting,
    Ready,
    Failed,
}
