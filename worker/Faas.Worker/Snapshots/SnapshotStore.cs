using System.Text.Json;
using Faas.Vmm;
using Faas.Worker.Images.Caching;

namespace Faas.Worker.Snapshots;

/// <summary>
/// Function snapshots under <c>snapshots/&lt;key&gt;/</c> in the faas cache: the backend's snapshot in <c>vm/</c>, and
/// <c>function.json</c>, written last. One snapshot per key, taken once: concurrent requests in this process share one take, and other processes
/// wait on a file lock per key and then use it.
/// </summary>
internal sealed class SnapshotStore
{
    public const string RecordFileName = "function.json";
    public const string VmDirectoryName = "vm";

    private readonly SingleFlight<StoredSnapshot> _flights = new();

    public SnapshotStore(string cacheRoot)
    {
        Root = Path.Combine(cacheRoot, "snapshots");
    }

    public string Root { get; }

    public string DirectoryOf(string key) => Path.Combine(Root, key);

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

            return new StoredSnapshot(key, directory, VmSnapshot.Load(Path.Combine(directory, VmDirectoryName)), record.FunctionChannel, record.CreatedAt);
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
    public Task<StoredSnapshot> GetOrCreateAsync(
        string key,
        Func<string, CancellationToken, Task<(VmSnapshot Vm, uint FunctionChannel)>> take,
        (string ImageDigest, string Function) describe,
        CancellationToken cancellationToken) =>
        _flights.RunAsync(key, (_, token) => CreateAsync(key, take, describe, token), null, cancellationToken);

    private async Task<StoredSnapshot> CreateAsync(
        string key,
        Func<string, CancellationToken, Task<(VmSnapshot Vm, uint FunctionChannel)>> take,
        (string ImageDigest, string Function) describe,
        CancellationToken cancellationToken)
    {
        if (TryLoad(key) is { } existing)
        {
            return existing;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Root, ownerOnly);
        using var keyLock = await FileLock.AcquireAsync(Path.Combine(Root, key + ".lock"), null, cancellationToken).ConfigureAwait(false);
        if (TryLoad(key) is { } takenMeanwhile)
        {
            return takenMeanwhile;
        }

        var directory = DirectoryOf(key);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory, ownerOnly);
        try
        {
            var (vm, channel) = await take(Path.Combine(directory, VmDirectoryName), cancellationToken).ConfigureAwait(false);
            var record = new SnapshotRecord(SnapshotRecord.CurrentFormat, key, channel, DateTimeOffset.UtcNow, describe.ImageDigest, describe.Function);
            AtomicFile.WriteAllText(Path.Combine(directory, RecordFileName), JsonSerializer.Serialize(record, SnapshotJsonContext.Default.SnapshotRecord));
            return new StoredSnapshot(key, directory, vm, channel, record.CreatedAt);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
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
