namespace Faas.Worker.Snapshots.Eviction;

/// <summary>
/// When a snapshot was last used (taken, fetched, deployed or restored): the modification time of an empty <c>last-used</c> file in its
/// directory, so it survives a restart. Not part of the snapshot's files or digest.
/// </summary>
internal static class SnapshotLastUse
{
    public const string FileName = "last-used";

    /// <summary>Marks are written at most this often per snapshot: a restore costs one stat, not a write.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    /// <summary>Marks the snapshot in <paramref name="directory"/> used at <paramref name="now"/>; best effort (a failure only makes it look older).</summary>
    public static void Record(string directory, DateTimeOffset now)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                var age = now - info.LastWriteTimeUtc;
                if (age >= TimeSpan.Zero && age < Resolution)
                {
                    return;
                }
            }
            else
            {
                if (!Directory.Exists(directory))
                {
                    return;
                }

                using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
                {
                }
            }

            File.SetLastWriteTimeUtc(path, now.UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The snapshot is being removed, or its directory is read-only: nothing to mark.
        }
    }

    /// <summary>When the snapshot in <paramref name="directory"/> was last used: its mark, else when its record was written.</summary>
    public static DateTime ReadUtc(string directory)
    {
        var mark = new FileInfo(Path.Combine(directory, FileName));
        if (mark.Exists)
        {
            return mark.LastWriteTimeUtc;
        }

        var record = new FileInfo(Path.Combine(directory, SnapshotStore.RecordFileName));
        return record.Exists ? record.LastWriteTimeUtc : DateTime.MinValue;
    }
}
