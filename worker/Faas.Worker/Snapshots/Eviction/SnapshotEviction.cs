using Faas.Common.IO;
using Faas.Worker.Images.Caching;
using Faas.Worker.Images.Unpacking;

namespace Faas.Worker.Snapshots.Eviction;

/// <summary>
/// Keeps a worker's complete snapshots within a disk space limit, least recently used first, and removes what interrupted takes and
/// fetches left behind. Never touches a snapshot in use in this process or one whose key lock is held (being taken or fetched).
/// An instance still running from an evicted snapshot is unaffected on the qemu backend: QEMU reads the state file only while it
/// restores and maps the memory file privately, and an unlinked file stays readable while it is mapped (tested).
/// </summary>
internal static class SnapshotEviction
{
    /// <summary>One pass over <see cref="SnapshotStore.Root"/>; I/O failures leave the entry for the next pass.</summary>
    public static EvictionPass Run(SnapshotStore store, long limitBytes, ISnapshotUsers users)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        var evicted = new List<EvictedSnapshot>();
        if (!Directory.Exists(store.Root))
        {
            return new EvictionPass(evicted, 0, limitBytes);
        }

        Leftovers.Remove(store.Temporary);
        var complete = new List<(string Key, string Directory, long Bytes, DateTime LastUsedUtc)>();
        foreach (var directory in Directory.EnumerateDirectories(store.Root))
        {
            var key = Path.GetFileName(directory);
            if (!SnapshotStore.IsWellFormedKey(key))
            {
                continue;
            }

            try
            {
                if (IsComplete(directory))
                {
                    complete.Add((key, directory, AllocatedSize.OfTree(directory), SnapshotLastUse.ReadUtc(directory)));
                }
                else if (TryRemoveIncomplete(store, key, directory) is { } removed)
                {
                    evicted.Add(removed);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Being removed or replaced meanwhile: looked at again next pass.
            }
        }

        var total = complete.Sum(snapshot => snapshot.Bytes);
        foreach (var (key, directory, bytes, lastUsedUtc) in complete.OrderBy(snapshot => snapshot.LastUsedUtc).ThenBy(snapshot => snapshot.Key, StringComparer.Ordinal))
        {
            if (total <= limitBytes)
            {
                break;
            }

            if (TryEvict(store, key, directory, users))
            {
                total -= bytes;
                evicted.Add(new EvictedSnapshot(key, EvictionReason.OverLimit, bytes, lastUsedUtc));
            }
        }

        return new EvictionPass(evicted, total, limitBytes);
    }

    private static bool IsComplete(string directory) => File.Exists(Path.Combine(directory, SnapshotStore.RecordFileName));

    /// <summary>A directory without its record whose key lock is free was left by an interrupted take: nothing will complete it.</summary>
    private static EvictedSnapshot? TryRemoveIncomplete(SnapshotStore store, string key, string directory)
    {
        using var keyLock = FileLock.TryAcquire(store.LockPathOf(key));
        if (keyLock is null || IsComplete(directory))
        {
            return null;
        }

        var bytes = AllocatedSize.OfTree(directory);
        TreeRemoval.Remove(directory);
        return new EvictedSnapshot(key, EvictionReason.Incomplete, bytes, DateTime.MinValue);
    }

    /// <summary>
    /// Deletes a complete snapshot nobody is taking (its key lock is held meanwhile) and nobody here uses. Its record goes first, under
    /// the users' guard: a deploy that looks for it afterwards finds none and takes (or fetches) it again, after this lock is released.
    /// </summary>
    private static bool TryEvict(SnapshotStore store, string key, string directory, ISnapshotUsers users)
    {
        var retired = false;
        try
        {
            using var keyLock = FileLock.TryAcquire(store.LockPathOf(key));
            if (keyLock is null)
            {
                return false;
            }

            users.RunUnlessInUse(key, () =>
            {
                File.Delete(Path.Combine(directory, SnapshotStore.RecordFileName));
                retired = true;
            });
            if (retired)
            {
                store.Forget(key);
                TreeRemoval.Remove(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without its record the rest is removed as incomplete next pass.
        }

        return retired;
    }
}
