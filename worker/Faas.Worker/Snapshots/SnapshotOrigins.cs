namespace Faas.Worker.Snapshots;

/// <summary>How a worker came to hold a snapshot (<see cref="SnapshotStatus.Origin"/>).</summary>
public static class SnapshotOrigins
{
    /// <summary>Taken on this worker from a VM it booted.</summary>
    public const string Taken = "taken";

    /// <summary>Fetched from a peer worker and verified against its digest.</summary>
    public const string Fetched = "fetched";
}
