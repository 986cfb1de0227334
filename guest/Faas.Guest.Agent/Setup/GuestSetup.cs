using Faas.Guest.Agent.Logging;

namespace Faas.Guest.Agent.Setup;

/// <summary>What PID 1 prepares before anything runs: filesystems, standard descriptors, hostname, loopback.</summary>
internal static class GuestSetup
{
    /// <summary>Runs every step; a step that fails is logged and the others still run.</summary>
    public static void Run(AgentLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        FileSystemMounts.MountAll(log);
        foreach (var failure in new[] { StandardDescriptors.EnsureOpen(), Hostname.Set(Hostname.Guest), LoopbackInterface.BringUp() })
        {
            if (failure is not null)
            {
                log.Write(failure);
            }
        }
    }
}
