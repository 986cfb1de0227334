namespace Faas.Worker.Snapshots.Transfer;

/// <summary>A snapshot could not be fetched from a peer; the message says why (it ends up in the function's log).</summary>
internal sealed class SnapshotFetchException : Exception
{
    public SnapshotFetchException()
    {
    }

    public SnapshotFetchException(string message)
        : base(message)
    {
    }

    public SnapshotFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
