using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Faas.Common.IO;
using Faas.Vmm;
using Faas.Worker.Images.Caching;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Snapshots.Transfer;

namespace Faas.Worker.Snapshots;

/// <summary>
/// Function snapshots under <c>snapshots/&lt;key&gt;/</c> in the faas cache: the backend's snapshot in <c>vm/</c>, and
/// <c>function.json</c>, written last. One snapshot per key, taken once: concurrent requests in this process share one take, and other processes
/// wait on a file lock per key and then use it. A snapshot may instead be fetched from a peer into <c>tmp/</c> and moved into place.
/// A complete snapshot never changes, so its digest is computed once and cached in <c>digest</c> next to <c>function.json</c>; when it
/// was last used is marked there too (<see cref="SnapshotLastUse"/>), for <see cref="SnapshotEviction"/>.
/// </summary>
internal sealed class SnapshotStore
{
    public const string RecordFileName = "function.json";
    public const string VmDirectoryName = "vm";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly SingleFlight<StoredSnapshot> _flights = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _digests = new(StringComparer.Ordinal);

    public SnapshotStore(string cacheRoot)
    {
        Root = Path.Combine(cacheRoot, "snapshots");
    }

    public string Root { get; }

    /// <summary>Snapshots being fetched, named after their process (removed once it has exited).</summary>
    public string Temporary => Path.Combine(Root, "tmp");

    public string DirectoryOf(string key) => Path.Combine(Root, key);

    /// <summary>The file lock held while the snapshot with this key is taken, fetched or evicted.</summary>
    public string LockPathOf(string key) => Path.Combine(Root, key + ".lock");

    /// <summary>Whether the text can be a snapshot key: 64 lowercase hex digits (so it never names anything but a snapshot's directory).</summary>
    public static bool IsWellFormedKey(string? key) =>
        key is { Length: 64 } && !key.AsSpan().ContainsAnyExcept(LowerHex);

    /// <summary>The digest of the complete snapshot with this key (computed on first use, then cached); null when there is none.</summary>
    public async Task<string?> GetDigestAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsWellFormedKey(key) || TryLoad(key) is not { } snapshot)
        {
            return null;
        }

        var cacheKey = $"{key}/{snapshot.CreatedAt.UtcTicks}";
        var lazy = _digests.GetOrAdd(cacheKey, _ => new Lazy<Task<string>>(() => Task.Run(() => ReadOrComputeDigest(snapshot.Directory), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _digests.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(cacheKey, lazy));
            return null;
        }
    }

    /// <summary>Drops what is cached about the snapshot with this key (it is being deleted).</summary>
    public void Forget(string key)
    {
        foreach (var cached in _digests.Keys)
        {
            if (cached.StartsWith(key + "/", StringComparison.Ordinal))
            {
                _digests.TryRemove(cached, out _);
            }
        }
    }

    /// <summary>The files and digest of the complete snapshot with this key; null when there is none.</summary>
    public async Task<SnapshotManifest?> GetManifestAsync(string key, CancellationToken cancellationToken)
    {
        if (await GetDigestAsync(key, cancellationToken).ConfigureAwait(false) is not { } digest)
        {
            return null;
        }

        try
        {
            return new SnapshotManifest(key, digest, SnapshotFiles.List(DirectoryOf(key)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The full path of one file of a complete snapshot's manifest; null for anything else.</summary>
    public async Task<string?> ResolveFileAsync(string key, string relativePath, CancellationToken cancellationToken) =>
        await GetManifestAsync(key, cancellationToken).ConfigureAwait(false) is { } manifest
            ? SnapshotFiles.Resolve(DirectoryOf(key), manifest.Files, relativePath)
            : null;

    /// <summary>The complete snapshot with this key, or null when there is none (or it is unreadable).</summary>
    public StoredSnapshot? TryLoad(string key)
    {
        var directory = DirectoryOf(key);
        var recordPath = Path.Combine(directory, RecordFileName);
        if (!File.Exists(recordPath))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(recordPath), SnapshotJsonContext.Default.SnapshotRecord);
            if (record is null || record.Format != SnapshotRecord.CurrentFormat || record.Key != key)
            {
                return null;
            }

            var vm = VmSnapshot.Load(Path.Combine(directory, VmDirectoryName));
            return new StoredSnapshot(key, directory, vm, record.FunctionChannel, record.CreatedAt, record.Origin ?? SnapshotOrigins.Taken);
        }
        catch (Exception e) when (e is IOException or JsonException or VmException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The snapshot with this key, taken by <paramref name="take"/> into an empty directory when there is none yet.</summary>
    /// <param name="key">The content key.</param>
    /// <param name="take">Takes the snapshot into the directory it is given (missing yet) and says which channel the function runs on.</param>
    /// <param name="describe">What the record says about the image and the function.</param>
    /// <param name="cancellationToken">Stops waiting; the take itself stops when every waiter has given up.</param>
    /// <param name="fetch">
    /// When given, tried first (under the same lock); when it comes to nothing, the snapshot is taken after all.
    /// </param>
    public Task<StoredSnapshot> GetOrCreateAsync(
        string key,
        Func<string, CancellationToken, Task<(VmSnapshot Vm, uint FunctionChannel)>> take,
        (string ImageDigest, string Function) describe,
        CancellationToken cancellationToken,
        SnapshotFetch? fetch = null) =>
        _flights.RunAsync(key, (_, token) => CreateAsync(key, take, fetch, describe, token), null, cancellationToken);

    private async Task<StoredSnapshot> CreateAsync(
        string key,
        Func<string, CancellationToken, Task<(VmSnapshot Vm, uint FunctionChannel)>> take,
        SnapshotFetch? fetch,
        (string ImageDigest, string Function) describe,
        CancellationToken cancellationToken)
    {
        if (TryLoad(key) is { } existing)
        {
            SnapshotLastUse.Record(existing.Directory, DateTimeOffset.UtcNow);
            return existing;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Root, ownerOnly);
        using var keyLock = await FileLock.AcquireAsync(LockPathOf(key), null, cancellationToken).ConfigureAwait(false);
        if (TryLoad(key) is { } takenMeanwhile)
        {
            SnapshotLastUse.Record(takenMeanwhile.Directory, DateTimeOffset.UtcNow);
            return takenMeanwhile;
        }

        var directory = DirectoryOf(key);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        if (fetch is not null && await FetchAsync(key, fetch, describe, cancellationToken).ConfigureAwait(false) is { } fetched)
        {
            return fetched;
        }

        Directory.CreateDirectory(directory, ownerOnly);
        try
        {
            var (vm, channel) = await take(Path.Combine(directory, VmDirectoryName), cancellationToken).ConfigureAwait(false);
            var record = new SnapshotRecord(SnapshotRecord.CurrentFormat, key, channel, DateTimeOffset.UtcNow, describe.ImageDigest, describe.Function);
            WriteRecord(directory, record);
            SnapshotLastUse.Record(directory, record.CreatedAt);
            return new StoredSnapshot(key, directory, vm, channel, record.CreatedAt);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Fetches into a private directory under <see cref="Temporary"/>, then renames it into place (the key's lock is held).</summary>
    private async Task<StoredSnapshot?> FetchAsync(
        string key, SnapshotFetch fetch, (string ImageDigest, string Function) describe, CancellationToken cancellationToken)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var staging = Path.Combine(Temporary, $"{Environment.ProcessId}-{key}-{Guid.NewGuid():N}");
        try
        {
            Leftovers.Remove(Temporary);
            Directory.CreateDirectory(Temporary, ownerOnly);
            Directory.CreateDirectory(staging, ownerOnly);
            if (await fetch.IntoAsync(staging, cancellationToken).ConfigureAwait(false) is not { } channel)
            {
                return null;
            }

            var record = new SnapshotRecord(SnapshotRecord.CurrentFormat, key, channel, DateTimeOffset.UtcNow, describe.ImageDigest, describe.Function)
            {
                Origin = SnapshotOrigins.Fetched,
            };
            WriteRecord(staging, record);
            var directory = DirectoryOf(key);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.Move(staging, directory);
            SnapshotLastUse.Record(directory, record.CreatedAt);
            return TryLoad(key) ?? throw new IOException($"the snapshot moved to '{directory}' cannot be read back");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fetch.Failed($"it could not be put in place: {e.Message}");
            return null;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                TryDelete(staging);
            }
        }
    }

    private static void WriteRecord(string directory, SnapshotRecord record) =>
        AtomicFile.WriteAllText(Path.Combine(directory, RecordFileName), JsonSerializer.Serialize(record, SnapshotJsonContext.Default.SnapshotRecord));

    private static string ReadOrComputeDigest(string directory)
    {
        var cache = Path.Combine(directory, SnapshotFiles.DigestCacheFileName);
        if (File.Exists(cache) && File.ReadAllText(cache).Trim() is var cached && SnapshotDigest.IsWellFormed(cached))
        {
            return cached;
        }

        var digest = SnapshotDigest.Compute(directory);
        try
        {
            AtomicFile.WriteAllText(cache, digest + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a cache: computed again next time.
        }

        return digest;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An incomplete snapshot has no record and is replaced on the next take.
        }
    }
}
