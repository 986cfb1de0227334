using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Guest.Protocol.Messages;

namespace Faas.Vmm;

/// <summary>
/// A VM saved right after it became ready, by <see cref="IVmBackend.SnapshotAsync"/>: the backend's memory and
/// device-state files plus <see cref="FileName"/>, which describes them and is written last.
/// </summary>
/// <param name="Directory">Where the snapshot's files are (not stored: a snapshot directory may be moved as a whole).</param>
/// <param name="Backend">The backend that took it (<see cref="IVmBackend.Name"/>); only that backend can restore it.</param>
/// <param name="Spec">How the VM was booted: a restored VM has the same size and disks.</param>
/// <param name="Hello">The agent's hello from the boot; a restored agent does not say it again.</param>
/// <param name="NextChannel">The first agent channel a restored VM's client uses: above every channel the session used before.</param>
/// <param name="StateBytes">Size of the device-state file.</param>
/// <param name="MemoryBytes">Guest memory the snapshot holds (the memory file is sparse: never-touched pages take no space).</param>
public sealed record VmSnapshot(
    [property: JsonIgnore] string Directory,
    string Backend,
    VmBootSpec Spec,
    HelloMessage Hello,
    uint NextChannel,
    long StateBytes,
    long MemoryBytes)
{
    /// <summary>The file in <see cref="Directory"/> that describes the snapshot.</summary>
    public const string FileName = "snapshot.json";

    /// <summary>The layout this code writes and reads; a snapshot with another is refused (and should be taken again).</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>SHA-256 (hex) of the device-state file, checked before each restore.</summary>
    public string? StateSha256 { get; init; }

    /// <summary>Writes <see cref="FileName"/> into <see cref="Directory"/> (to a temporary name first, then renamed, flushed to disk).</summary>
    public void Save()
    {
        var path = Path.Combine(Directory, FileName);
        var partial = path + ".partial";
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, this, VmSnapshotJsonContext.Default.VmSnapshot);
            file.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Reads the snapshot in <paramref name="directory"/>.</summary>
    /// <exception cref="VmException">There is no complete snapshot there, or its description is corrupt or of another format.</exception>
    public static VmSnapshot Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var fullPath = Path.GetFullPath(directory);
        var path = Path.Combine(fullPath, FileName);
        VmSnapshot? snapshot;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            snapshot = JsonSerializer.Deserialize(file, VmSnapshotJsonContext.Default.VmSnapshot);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VmException($"there is no snapshot in '{fullPath}': {FileName} is missing", e);
        }
        catch (JsonException e)
        {
            throw new VmException($"the snapshot in '{fullPath}' is corrupt: {FileName} is not valid: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmException($"cannot read the snapshot in '{fullPath}': {e.Message}", e);
        }

        if (snapshot is null || snapshot.Backend is null || snapshot.Spec is null || snapshot.Hello is null)
        {
            throw new VmException($"the snapshot in '{fullPath}' is corrupt: {FileName} lacks the backend, the boot spec or the agent's hello");
        }

        if (snapshot.Format != CurrentFormat)
        {
            throw new VmException($"the snapshot in '{fullPath}' has format {snapshot.Format}; this build reads format {CurrentFormat}: take it again");
        }

        return snapshot with { Directory = fullPath };
    }
}
