namespace Faas.Vmm.Snapshots;

/// <summary>A snapshot's state file is missing, truncated, corrupt (checksum), of another format version, or does not fit this VMM.</summary>
public sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException()
    {
    }

    public SnapshotFormatException(string message)
        : base(message)
    {
    }

    public SnapshotFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
