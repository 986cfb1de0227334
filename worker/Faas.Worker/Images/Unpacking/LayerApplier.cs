using System.Formats.Tar;

namespace Faas.Worker.Images.Unpacking;

/// <summary>
/// Applies layer tarballs to an <see cref="ImageTree"/>, lowest first, with OCI whiteouts (<c>.wh.NAME</c> removes NAME from
/// lower layers) and opaque directories (<c>.wh..wh..opq</c> hides a directory's lower contents, wherever the marker sits in the
/// tar). Refuses names that escape the root, relative symbolic links that climb above it, hard links to anything but a file of
/// the image, device nodes, and images over the limits. Extended attributes are not carried over.
/// </summary>
internal sealed class LayerApplier
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    private readonly ImageTree tree;
    private readonly UnpackLimits limits;
    private HashSet<string> layerPaths = new(StringComparer.Ordinal);
    private long entries;
    private long fileBytes;

    public LayerApplier(ImageTree tree, UnpackLimits limits)
    {
        this.tree = tree;
        this.limits = limits;
    }

    /// <summary>Applies one layer. <paramref name="afterEntry"/> runs after each entry (for progress and cancellation).</summary>
    /// <exception cref="UnsafeEntryException">An entry is refused or could not be written.</exception>
    public void Apply(TarReader reader, Action? afterEntry = null)
    {
        layerPaths = new HashSet<string>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            if (++entries > limits.MaxEntries)
            {
                throw new UnsafeEntryException(entry.Name, $"is one more than the {limits.MaxEntries} entries an image may have", ImageErrorKind.LimitExceeded);
            }

            try
            {
                ApplyEntry(entry);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UnsafeEntryException(entry.Name, $"could not be written ({exception.Message})", ImageErrorKind.Unsupported, exception);
            }

            afterEntry?.Invoke();
        }
    }

    private void ApplyEntry(TarEntry entry)
    {
        if (!EntryPath.TryNormalize(entry.Name, out var path, out var problem))
        {
            throw new UnsafeEntryException(entry.Name, problem);
        }

        var name = EntryPath.FileName(path);
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            ApplyWhiteout(entry, path, name);
            return;
        }

        if (path.Length == 0)
        {
            if (entry.EntryType != TarEntryType.Directory)
            {
                throw new UnsafeEntryException(entry.Name, "replaces the image root with something that is not a directory");
            }

            tree.CreateOrUpdateDirectory("", entry.Mode, entry.Uid, entry.Gid);
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Prepare(entry, path, keepDirectory: true);
                tree.CreateOrUpdateDirectory(path, entry.Mode, entry.Uid, entry.Gid);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                CheckFileSize(entry);
                Prepare(entry, path, keepDirectory: false);
                tree.CreateFile(path, entry.DataStream, entry.Mode, entry.Uid, entry.Gid);
                break;
            case TarEntryType.SymbolicLink:
                if (entry.LinkName.Length == 0 || !EntryPath.IsSafeSymlinkTarget(path, entry.LinkName))
                {
                    throw new UnsafeEntryException(entry.Name, $"is a symbolic link to '{entry.LinkName}', which escapes the image root");
                }

                Prepare(entry, path, keepDirectory: false);
                tree.CreateSymbolicLink(path, entry.LinkName, entry.Uid, entry.Gid);
                break;
            case TarEntryType.HardLink:
                var target = HardLinkTarget(entry, path);
                Prepare(entry, path, keepDirectory: false);
                tree.CreateHardLink(path, target);
                break;
            case TarEntryType.Fifo:
                Prepare(entry, path, keepDirectory: false);
                tree.CreateFifo(path, entry.Mode, entry.Uid, entry.Gid);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                throw new UnsafeEntryException(entry.Name, $"is a {(entry.EntryType == TarEntryType.CharacterDevice ? "character" : "block")} device node; images may not contain devices");
            default:
                throw new UnsafeEntryException(entry.Name, $"has the unsupported tar entry type {entry.EntryType}", ImageErrorKind.Unsupported);
        }
    }

    /// <summary>Makes room for a new entry: parents exist and are plain directories, and whatever was at the path is gone (a directory stays for a directory).</summary>
    private void Prepare(TarEntry entry, string path, bool keepDirectory)
    {
        tree.EnsureParents(path, entry.Name);
        var existing = tree.Inspect(path);
        if (existing != NodeKind.Missing && !(keepDirectory && existing == NodeKind.Directory))
        {
            tree.Remove(path);
        }

        MarkWritten(path);
    }

    private string HardLinkTarget(TarEntry entry, string path)
    {
        if (!EntryPath.TryNormalizeLinkTarget(entry.LinkName, out var target, out _) || target.Length == 0)
        {
            throw new UnsafeEntryException(entry.Name, $"is a hard link to '{entry.LinkName}', which is not a path inside the image");
        }

        if (target == path || !tree.HasPlainParents(target) || tree.Inspect(target) is NodeKind.Missing or NodeKind.Directory)
        {
            throw new UnsafeEntryException(entry.Name, $"is a hard link to '{entry.LinkName}', which is not a file of the image");
        }

        return target;
    }

    private void ApplyWhiteout(TarEntry entry, string path, string name)
    {
        var directory = EntryPath.Parent(path);
        if (name == OpaqueMarker)
        {
            tree.EnsureParents(EntryPath.Combine(directory, "_"), entry.Name);
            MarkWritten(directory);
            tree.Prune(directory, layerPaths.Contains);
            return;
        }

        if (name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
        {
            // Other ".wh..wh." names are AUFS bookkeeping with no meaning in an image.
            return;
        }

        var hidden = name[WhiteoutPrefix.Length..];
        if (hidden.Length == 0 || hidden is "." or "..")
        {
            throw new UnsafeEntryException(entry.Name, "is a whiteout without a valid name");
        }

        var target = EntryPath.Combine(directory, hidden);
        if (tree.FirstLinkAncestor(target) is { } link)
        {
            throw new UnsafeEntryException(entry.Name, $"would remove a path through the symbolic link '{link}'");
        }

        if (!layerPaths.Contains(target) && tree.HasPlainParents(target))
        {
            // A whiteout only hides lower layers; with a parent missing there is nothing to hide.
            tree.Remove(target);
        }
    }

    private void CheckFileSize(TarEntry entry)
    {
        if (entry.Length > limits.MaxFileBytes)
        {
            throw new UnsafeEntryException(entry.Name, $"is {entry.Length} bytes, more than the {limits.MaxFileBytes} bytes a file may have", ImageErrorKind.LimitExceeded);
        }

        fileBytes += entry.Length;
        if (fileBytes > limits.MaxTreeBytes)
        {
            throw new UnsafeEntryException(entry.Name, $"brings the image to {fileBytes} bytes, more than the {limits.MaxTreeBytes} bytes an image may unpack to", ImageErrorKind.LimitExceeded);
        }
    }

    /// <summary>Remembers a path and its parents as this layer's, so an opaque marker later in the same tar keeps them.</summary>
    private void MarkWritten(string path)
    {
        while (layerPaths.Add(path) && path.Length > 0)
        {
            path = EntryPath.Parent(path);
        }
    }
}
