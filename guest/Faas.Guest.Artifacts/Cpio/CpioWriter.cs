using System.Buffers;
using System.Text;

namespace Faas.Guest.Artifacts.Cpio;

/// <summary>
/// Collects directories, regular files and symbolic links, then writes them as a "newc" cpio archive.
/// The output depends only on the entries: they are sorted by path, inodes are numbered in that order,
/// time stamps are zero and owners are root unless given. A parent directory that was not added is
/// created with mode 0755. File contents are streamed from disk when the archive is written.
/// </summary>
public sealed class CpioWriter
{
    private const int CopyBufferSize = 128 * 1024;

    private readonly Dictionary<string, CpioEntry> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public bool Contains(string path) => entries.ContainsKey(path);

    public void AddDirectory(string path, UnixFileMode permissions = CpioModes.Directory, uint userId = 0, uint groupId = 0)
    {
        CheckPermissions(permissions, path);
        Add(new CpioEntry(path, CpioEntryKind.Directory, permissions, userId, groupId), nameof(path));
    }

    /// <summary>Adds a regular file whose content is read from <paramref name="sourcePath"/> (following symbolic links) when the archive is written.</summary>
    public void AddFile(string path, string sourcePath, UnixFileMode permissions = CpioModes.Regular, uint userId = 0, uint groupId = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        if (!File.Exists(sourcePath))
        {
            throw new FileNotFoundException($"Cannot add '{path}' to the archive: '{sourcePath}' does not exist or is not a file.", sourcePath);
        }

        CheckPermissions(permissions, path);
        Add(new CpioEntry(path, CpioEntryKind.RegularFile, permissions, userId, groupId) { SourcePath = Path.GetFullPath(sourcePath) }, nameof(path));
    }

    public void AddFile(string path, ReadOnlyMemory<byte> content, UnixFileMode permissions = CpioModes.Regular, uint userId = 0, uint groupId = 0)
    {
        CheckPermissions(permissions, path);
        Add(new CpioEntry(path, CpioEntryKind.RegularFile, permissions, userId, groupId) { Data = content.ToArray() }, nameof(path));
    }

    public void AddSymlink(string path, string target, uint userId = 0, uint groupId = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (target.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The target of the symbolic link '{path}' contains a NUL character.", nameof(target));
        }

        var data = Encoding.UTF8.GetBytes(target);
        Add(new CpioEntry(path, CpioEntryKind.SymbolicLink, CpioModes.SymbolicLink, userId, groupId) { Data = data }, nameof(path));
    }

    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            uint inode = 0;
            foreach (var entry in entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                inode++;
                await WriteEntryAsync(destination, entry, inode, buffer, cancellationToken).ConfigureAwait(false);
            }

            await destination.WriteAsync(CpioHeader.Trailer.Encode(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteEntryAsync(Stream destination, CpioEntry entry, uint inode, byte[] buffer, CancellationToken cancellationToken)
    {
        if (entry.SourcePath is null)
        {
            await WriteHeaderAsync(destination, entry, inode, entry.Data.Length, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(entry.Data, cancellationToken).ConfigureAwait(false);
            await WritePaddingAsync(destination, entry.Data.Length, cancellationToken).ConfigureAwait(false);
            return;
        }

        var source = new FileStream(entry.SourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            var length = source.Length;
            if (length > uint.MaxValue)
            {
                throw new IOException($"'{entry.SourcePath}' is {length} bytes; a newc cpio member holds at most {uint.MaxValue}.");
            }

            await WriteHeaderAsync(destination, entry, inode, length, cancellationToken).ConfigureAwait(false);
            await CopyExactlyAsync(source, destination, length, buffer, entry.SourcePath, cancellationToken).ConfigureAwait(false);
            await WritePaddingAsync(destination, length, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteHeaderAsync(Stream destination, CpioEntry entry, uint inode, long fileSize, CancellationToken cancellationToken)
    {
        var header = new CpioHeader(inode, entry.TypeBits | (uint)entry.Permissions, entry.UserId, entry.GroupId, entry.LinkCount, (uint)fileSize, entry.Path);
        await destination.WriteAsync(header.Encode(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyExactlyAsync(Stream source, Stream destination, long length, byte[] buffer, string sourcePath, CancellationToken cancellationToken)
    {
        var remaining = length;
        while (remaining > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"'{sourcePath}' shrank while it was being archived.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            remaining -= read;
        }

        if (await source.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new IOException($"'{sourcePath}' grew while it was being archived.");
        }
    }

    private static async Task WritePaddingAsync(Stream destination, long length, CancellationToken cancellationToken)
    {
        var padding = CpioFormat.PaddingFor(length);
        if (padding > 0)
        {
            await destination.WriteAsync(new byte[padding], cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CheckPermissions(UnixFileMode permissions, string path)
    {
        if (((uint)permissions & ~CpioFormat.PermissionBits) != 0)
        {
            throw new ArgumentException($"The mode of '{path}' has bits outside the permission mask 07777.", nameof(permissions));
        }
    }

    private void Add(CpioEntry entry, string parameterName)
    {
        CpioPath.Validate(entry.Path, parameterName);
        if (entries.TryGetValue(entry.Path, out var existing) && !(existing.IsImplicit && entry.Kind == CpioEntryKind.Directory))
        {
            throw new ArgumentException($"'{entry.Path}' is already in the archive.", parameterName);
        }

        var parents = CpioPath.ParentsOf(entry.Path).ToList();
        foreach (var parent in parents)
        {
            if (entries.TryGetValue(parent, out var parentEntry) && parentEntry.Kind != CpioEntryKind.Directory)
            {
                throw new ArgumentException($"Cannot add '{entry.Path}': '{parent}' is in the archive and is not a directory.", parameterName);
            }
        }

        foreach (var parent in parents)
        {
            entries.TryAdd(parent, new CpioEntry(parent, CpioEntryKind.Directory, CpioModes.Directory, 0, 0) { IsImplicit = true });
        }

        entries[entry.Path] = entry;
    }
}
