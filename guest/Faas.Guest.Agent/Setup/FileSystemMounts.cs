using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Agent.Logging;

namespace Faas.Guest.Agent.Setup;

/// <summary>Mounts the kernel and scratch filesystems every program expects, skipping those already mounted.</summary>
internal static class FileSystemMounts
{
    private const string ProcMounts = "/proc/self/mounts";

    public static IReadOnlyList<MountSpec> Required { get; } =
    [
        new("proc", "/proc", "proc", LibC.MS_NOSUID | LibC.MS_NODEV | LibC.MS_NOEXEC, null),
        new("sysfs", "/sys", "sysfs", LibC.MS_NOSUID | LibC.MS_NODEV | LibC.MS_NOEXEC, null),
        new("devtmpfs", "/dev", "devtmpfs", LibC.MS_NOSUID, "mode=0755"),
        new("devpts", "/dev/pts", "devpts", LibC.MS_NOSUID | LibC.MS_NOEXEC, "mode=0620,ptmxmode=0666"),
        new("tmpfs", "/dev/shm", "tmpfs", LibC.MS_NOSUID | LibC.MS_NODEV, "mode=1777"),
        new("tmpfs", "/tmp", "tmpfs", LibC.MS_NOSUID | LibC.MS_NODEV, "mode=1777"),
        new("tmpfs", "/run", "tmpfs", LibC.MS_NOSUID | LibC.MS_NODEV, "mode=0755"),
    ];

    public static void MountAll(AgentLog log)
    {
        foreach (var spec in Required)
        {
            if (IsMounted(spec.Target))
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(spec.Target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Write($"cannot create {spec.Target}: {e.Message}");
                continue;
            }

            if (LibC.mount(spec.Source, spec.Target, spec.FileSystemType, spec.Flags, spec.Options) != 0)
            {
                log.Write($"cannot mount {spec.FileSystemType} on {spec.Target}: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
    }

    /// <summary>Whether something is mounted on <paramref name="target"/>; false for everything while /proc is not mounted.</summary>
    private static bool IsMounted(string target)
    {
        if (!File.Exists(ProcMounts))
        {
            return false;
        }

        foreach (var line in File.ReadLines(ProcMounts))
        {
            var fields = line.Split(' ');
            if (fields.Length > 1 && fields[1] == target)
            {
                return true;
            }
        }

        return false;
    }
}
