using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.RootFs;

/// <summary>
/// Makes the function's disk the guest's root: the disk read-only as the lower layer, a tmpfs as the writable upper
/// layer, an overlay of both as the new root, the initramfs's busybox bound read-only at <see cref="GuestPaths.Tools"/>,
/// the kernel filesystems (/dev, /proc, /sys), /run and /tmp moved into it, and then the switch the way switch_root
/// does it (pivot_root cannot leave the initramfs). The agent keeps running from the old root, which stays reachable
/// only through its open descriptors. Any failure before the switch undoes every step, so the agent keeps serving from
/// the initramfs.
/// </summary>
internal sealed class OverlayRootMounter : IRootMounter
{
    public const string LowerDirectory = "/run/faas/lower";
    public const string WritableDirectory = "/run/faas/rw";

    /// <summary>Where the new root is assembled; outside /run, which is moved into it.</summary>
    public const string NewRoot = "/sysroot";

    /// <summary>The initramfs directory holding busybox and its applet links (relative links, so they work from anywhere).</summary>
    private const string InitramfsTools = "/bin";

    private const int InitProcessId = 1;

    private static readonly string[] SupportedFileSystems = ["erofs", "ext4"];

    /// <summary>The mounts the new root inherits from the initramfs; /dev carries /dev/pts and /dev/shm along.</summary>
    private static readonly string[] CarriedMounts = ["/dev", "/proc", "/sys", "/run", "/tmp"];

    private readonly Lock _gate = new();
    private bool _mounted;

    public string? Mount(MountRootRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            if (_mounted)
            {
                return "the root filesystem is already mounted";
            }

            if (Environment.ProcessId != InitProcessId)
            {
                return $"only the guest's init can switch the root filesystem; this agent runs as pid {Environment.ProcessId}";
            }

            var undo = new Stack<Action>();
            var error = Assemble(request, undo) ?? Switch();
            if (error is not null)
            {
                while (undo.TryPop(out var step))
                {
                    step();
                }

                return error;
            }

            _mounted = true;
            return null;
        }
    }

    private static string? Validate(MountRootRequest request)
    {
        if (string.IsNullOrEmpty(request.Device) || request.Device[0] != '/' || request.Device.Contains('\0', StringComparison.Ordinal))
        {
            return $"cannot mount the root filesystem: '{request.Device}' is not a device path";
        }

        return SupportedFileSystems.Contains(request.FileSystem)
            ? null
            : $"cannot mount the root filesystem: unsupported filesystem '{request.FileSystem}' (expected {string.Join(" or ", SupportedFileSystems)})";
    }

    /// <summary>Everything up to the switch, each step with its undo.</summary>
    private static string? Assemble(MountRootRequest request, Stack<Action> undo)
    {
        var upper = Path.Join(WritableDirectory, "upper");
        var work = Path.Join(WritableDirectory, "work");
        return CreateDirectories(LowerDirectory, WritableDirectory, NewRoot)
            ?? MountWithUndo(request.Device, LowerDirectory, request.FileSystem, LibC.MS_RDONLY, null, undo, $"{request.Device} ({request.FileSystem}) read-only")
            ?? MountWithUndo("tmpfs", WritableDirectory, "tmpfs", 0, "mode=0755", undo, "the writable layer (tmpfs)")
            ?? CreateDirectories(upper, work)
            ?? MountWithUndo("overlay", NewRoot, "overlay", 0, $"lowerdir={LowerDirectory},upperdir={upper},workdir={work}", undo, "the overlay")
            ?? CreateDirectories(GuestPaths.Tools)
            ?? BindReadOnly(InitramfsTools, GuestPaths.Tools, undo)
            ?? GuestNetworkFiles.WriteInto(NewRoot)
            ?? MoveCarriedMounts(undo);
    }

    private static string? MoveCarriedMounts(Stack<Action> undo)
    {
        var mounted = MountTable.MountPoints();
        foreach (var source in CarriedMounts.Where(mounted.Contains))
        {
            var target = NewRoot + source;
            if (PrepareMountPoint(target) is { } error)
            {
                return error;
            }

            if (LibC.mount(source, target, null, LibC.MS_MOVE, null) != 0)
            {
                return $"cannot move {source} into the new root: {Marshal.GetLastPInvokeErrorMessage()}";
            }

            undo.Push(() => _ = LibC.mount(target, source, null, LibC.MS_MOVE, null));
        }

        return null;
    }

    /// <summary>An empty directory in the overlay for a mount to land on; a file or link of the image in its place is set aside.</summary>
    private static string? PrepareMountPoint(string path)
    {
        try
        {
            if (new FileInfo(path).LinkTarget is not null || File.Exists(path))
            {
                File.Delete(path);
            }

            Directory.CreateDirectory(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create the mount point {path[NewRoot.Length..]} in the new root: {e.Message}";
        }
    }

    /// <summary>The point of no return: the new root replaces / and becomes this process's root and working directory.</summary>
    private static string? Switch()
    {
        if (LibC.chdir(NewRoot) != 0)
        {
            return $"cannot enter {NewRoot}: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        if (LibC.mount(".", "/", null, LibC.MS_MOVE, null) != 0)
        {
            var error = Marshal.GetLastPInvokeErrorMessage();
            _ = LibC.chdir("/");
            return $"cannot move {NewRoot} onto /: {error}";
        }

        // Neither can fail for root on a directory it is in; should they, the mounts are already in the new place.
        _ = LibC.chroot(".");
        _ = LibC.chdir("/");
        return null;
    }

    private static string? MountWithUndo(string source, string target, string? fileSystem, ulong flags, string? options, Stack<Action> undo, string what)
    {
        if (LibC.mount(source, target, fileSystem, flags, options) != 0)
        {
            return $"cannot mount {what} on {target}: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        undo.Push(() => _ = LibC.umount2(target, LibC.MNT_DETACH));
        return null;
    }

    private static string? BindReadOnly(string source, string target, Stack<Action> undo)
    {
        if (MountWithUndo(source, target, null, LibC.MS_BIND, null, undo, $"{source} (bind)") is { } error)
        {
            return error;
        }

        return LibC.mount(null, target, null, LibC.MS_BIND | LibC.MS_REMOUNT | LibC.MS_RDONLY, null) == 0
            ? null
            : $"cannot make {target} read-only: {Marshal.GetLastPInvokeErrorMessage()}";
    }

    private static string? CreateDirectories(params string[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot create {path}: {e.Message}";
            }
        }

        return null;
    }
}
