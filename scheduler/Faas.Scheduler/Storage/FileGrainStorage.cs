using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Faas.Scheduler.Storage;

/// <summary>
/// Grain state as one JSON file per grain under a root directory, replaced atomically (temporary file, fsync, rename, fsync of the
/// directory). Every write carries the ETag of the state it replaces; a stale one is an <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class FileGrainStorage : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> FileLocks = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _name;
    private readonly IActivatorProvider _activators;

    /// <param name="name">The provider's name, for messages.</param>
    /// <param name="rootDirectory">Where the state files go; created when missing.</param>
    /// <param name="activators">Creates the empty state of a grain that has none stored.</param>
    public FileGrainStorage(string name, string rootDirectory, IActivatorProvider activators)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        ArgumentNullException.ThrowIfNull(activators);
        _name = name;
        RootDirectory = Path.GetFullPath(rootDirectory);
        _activators = activators;
    }

    public string RootDirectory { get; }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = StateFilePath.For(RootDirectory, stateName, grainId);
        var gate = FileLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var stored = await ReadAsync<T>(path).ConfigureAwait(false);
            grainState.ETag = stored?.ETag;
            grainState.State = stored is { State: { } loaded } ? loaded : Create<T>();
            grainState.RecordExists = stored is not null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = StateFilePath.For(RootDirectory, stateName, grainId);
        var content = new StoredGrainState<T> { ETag = NewETag(), State = grainState.State };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(content, Json);
        var gate = FileLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CheckETagAsync(path, grainId, grainState.ETag, "write").ConfigureAwait(false);
            await DurableFile.WriteAsync(path, bytes, CancellationToken.None).ConfigureAwait(false);
            grainState.ETag = content.ETag;
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = StateFilePath.For(RootDirectory, stateName, grainId);
        var gate = FileLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CheckETagAsync(path, grainId, grainState.ETag, "clear").ConfigureAwait(false);
            DurableFile.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Create<T>();
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<StoredGrainState<T>?> ReadAsync<T>(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<StoredGrainState<T>>(stream, Json).ConfigureAwait(false);
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private async Task CheckETagAsync(string path, GrainId grainId, string? expected, string operation)
    {
        var stored = (await ReadAsync<JsonElement>(path).ConfigureAwait(false))?.ETag;
        if (!string.Equals(stored, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"{_name} storage: cannot {operation} the state of {grainId}: it changed since it was read (stored ETag {stored ?? "none"}, presented {expected ?? "none"})",
                stored,
                expected);
        }
    }

    private T Create<T>() => _activators.GetActivator<T>().Create();

    private static string NewETag() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
