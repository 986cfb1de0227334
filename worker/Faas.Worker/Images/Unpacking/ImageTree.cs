using System.Runtime.InteropServices;
using Faas.Worker.Images.Interop;

namespace Faas.Worker.Images.Unpacking;

/// <summary>
/// The directory an image is unpacked into, and the only code that writes there. Nothing is ever written through a symbolic
/// link: every parent component is checked with lstat (or known to be a directory this tree created or checked), files are
/// created with O_CREAT|O_EXCL after the old entry is unlinked, and removal never descends into links.
/// </summary>
internal sealed class ImageTree
{
    private const UnixFileMode ImplicitDirectoryMode = (UnixFileMode)0b111_101_101;

    private readonly HashSet<string> knownDirectories = new(StringComparer.Ordinal) { "" };
    private readonly Dictionary<string, UnixFileMode> directoryModes = new(StringComparer.Ordinal) { [""] = ImplicitDirectoryMode };

    /// <param name="root">An empty directory.</param>
    /// <param name="applyOwnership">Whether to lchown entries to their uid/gid (needs root).</param>
    public ImageTree(string root, bool applyOwnership)
    {
        Root = Path.GetFullPath(root).TrimEnd('/');
        ApplyOwnership = applyOwnership;
    }

    public string Root { get; }

    public bool ApplyOwnership { get; }

    public string FullPath(string relative) => relative.Length == 0 ? Root : $"{Root}/{relative}";

    public NodeKind Inspect(string relative)
    {
        if (LibC.lstat(FullPath(relative), out var status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == LibC.ENOENT ? NodeKind.Missing : throw Failure("lstat", relative, errno);
        }

        return (status.st_mode & LibC.S_IFMT) switch
        {
            LibC.S_IFDIR => NodeKind.Directory,
            LibC.S_IFREG => NodeKind.RegularFile,
            LibC.S_IFLNK => NodeKind.SymbolicLink,
            _ => NodeKind.Other,
        };
    }

    /// <summary>Creates missing directories above <paramref name="relative"/> (0755, owned by root) and refuses any that is a link or not a directory.</summary>
    public void EnsureParents(string relative, string entryName)
    {
        foreach (var ancestor in EntryPath.Ancestors(relative))
        {
            if (knownDirectories.Contains(ancestor))
            {
                continue;
            }

            switch (Inspect(ancestor))
            {
                case NodeKind.Directory:
                    break;
                case NodeKind.Missing:
                    MakeDirectory(ancestor);
                    SetOwnership(ancestor, 0, 0);
                    directoryModes[ancestor] = ImplicitDirectoryMode;
                    break;
                case NodeKind.SymbolicLink:
                    throw new UnsafeEntryException(entryName, $"would be written through the symbolic link '{ancestor}'");
                default:
                    throw new UnsafeEntryException(entryName, $"has a parent '{ancestor}' that is not a directory");
            }

            knownDirectories.Add(ancestor);
        }
    }

    /// <summary>The first directory above <paramref name="relative"/> that is a symbolic link or another non-directory, if any (missing ones stop the walk).</summary>
    public string? FirstLinkAncestor(string relative)
    {
        foreach (var ancestor in EntryPath.Ancestors(relative))
        {
            if (knownDirectories.Contains(ancestor))
            {
                continue;
            }

            switch (Inspect(ancestor))
            {
                case NodeKind.Directory:
                    continue;
                case NodeKind.Missing:
                    return null;
                default:
                    return ancestor;
            }
        }

        return null;
    }

    /// <summary>Whether every directory above <paramref name="relative"/> exists and is a real directory (not a link).</summary>
    public bool HasPlainParents(string relative) =>
        EntryPath.Ancestors(relative).All(ancestor => knownDirectories.Contains(ancestor) || Inspect(ancestor) == NodeKind.Directory);

    /// <summary>Removes whatever is at <paramref name="relative"/>: a link is unlinked (never followed), a directory removed with its contents.</summary>
    public void Remove(string relative)
    {
        var kind = Inspect(relative);
        if (kind == NodeKind.Missing)
        {
            return;
        }

        if (kind == NodeKind.Directory)
        {
            TreeRemoval.Remove(FullPath(relative));
            Forget(relative);
        }
        else
        {
            File.Delete(FullPath(relative));
        }
    }

    /// <summary>Removes the children of a directory that <paramref name="keep"/> says no, descending into kept real directories.</summary>
    public void Prune(string directory, Func<string, bool> keep)
    {
        foreach (var child in Directory.EnumerateFileSystemEntries(FullPath(directory)))
        {
            var relative = EntryPath.Combine(directory, Path.GetFileName(child));
            if (!keep(relative))
            {
                Remove(relative);
            }
            else if (Inspect(relative) == NodeKind.Directory)
            {
                Prune(relative, keep);
            }
        }
    }

    /// <summary>Creates a directory, or keeps an existing one; either way it gets the entry's owner, and its mode at <see cref="Complete"/>.</summary>
    public void CreateOrUpdateDirectory(string relative, UnixFileMode mode, int uid, int gid)
    {
        if (relative.Length > 0 && Inspect(relative) != NodeKind.Directory)
        {
            MakeDirectory(relative);
        }

        SetOwnership(relative, uid, gid);
        directoryModes[relative] = mode;
        knownDirectories.Add(relative);
    }

    /// <summary>Creates a new regular file (it must not exist), fills it, and sets its owner then its mode (chown clears setuid bits).</summary>
    public void CreateFile(string relative, Stream? content, UnixFileMode mode, int uid, int gid)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var file = new FileStream(FullPath(relative), options);
        content?.CopyTo(file);
        SetOwnership(relative, uid, gid);
        File.SetUnixFileMode(file.SafeFileHandle, mode);
    }

    public void CreateSymbolicLink(string relative, string target, int uid, int gid)
    {
        File.CreateSymbolicLink(FullPath(relative), target);
        SetOwnership(relative, uid, gid);
    }

    /// <summary>link(2) does not follow a link at <paramref name="targetRelative"/>; callers check its parents with <see cref="HasPlainParents"/>.</summary>
    public void CreateHardLink(string relative, string targetRelative)
    {
        if (LibC.link(FullPath(targetRelative), FullPath(relative)) != 0)
        {
            throw Failure("link", relative, Marshal.GetLastPInvokeError());
        }
    }

    public void CreateFifo(string relative, UnixFileMode mode, int uid, int gid)
    {
        if (LibC.mkfifo(FullPath(relative), 0b110_000_000) != 0)
        {
            throw Failure("mkfifo", relative, Marshal.GetLastPInvokeError());
        }

        SetOwnership(relative, uid, gid);
        if (LibC.chmod(FullPath(relative), (uint)mode) != 0)
        {
            throw Failure("chmod", relative, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Gives directories their final modes, deepest first, once nothing more is written into them.</summary>
    public void Complete()
    {
        foreach (var (relative, mode) in directoryModes.OrderByDescending(pair => pair.Key.Length))
        {
            if (LibC.chmod(FullPath(relative), (uint)mode) != 0)
            {
                throw Failure("chmod", relative, Marshal.GetLastPInvokeError());
            }
        }
    }

    private void SetOwnership(string relative, int uid, int gid)
    {
        if (ApplyOwnership && LibC.lchown(FullPath(relative), (uint)uid, (uint)gid) != 0)
        {
            throw Failure("lchown", relative, Marshal.GetLastPInvokeError());
        }
    }

    private void MakeDirectory(string relative)
    {
        if (LibC.mkdir(FullPath(relative), 0b111_000_000) != 0)
        {
            throw Failure("mkdir", relative, Marshal.GetLastPInvokeError());
        }
    }

    private void Forget(string directory)
    {
        knownDirectories.RemoveWhere(path => EntryPath.IsSameOrBelow(path, directory));
        foreach (var path in directoryModes.Keys.Where(path => EntryPath.IsSameOrBelow(path, directory)).ToList())
        {
            directoryModes.Remove(path);
        }
    }

    private static IOException Failure(string operation, string relative, int errno) =>
        new($"{operation} '{relative}': {Marshal.GetPInvokeErrorMessage(errno)}");
}
