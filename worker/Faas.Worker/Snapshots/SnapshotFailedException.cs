namespace Faas.Worker.Snapshots;

/// <summary>The backend could not snapshot a ready VM; the function still runs, by booting each instance.</summary>
public sealed class SnapshotFailedException : Exception
{
    public SnapshotFailedException()
    {
    }

    public SnapshotFailedException(string message)
        : base(message)
    {
    }

    public SnapshotFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
