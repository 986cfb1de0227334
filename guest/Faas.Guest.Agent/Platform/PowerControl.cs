using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Agent.Logging;

namespace Faas.Guest.Agent.Platform;

internal static class PowerControl
{
    /// <summary>
    /// Syncs and ends the VM. It resets rather than powers off: the guest has no ACPI to power off with, and the VMMs
    /// end the VM on a reset (QEMU runs with -no-reboot, the kernel with reboot=t). PID 1 must never exit, so this
    /// never returns.
    /// </summary>
    public static void EndVm(AgentLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        LibC.sync();
        if (LibC.reboot(LibC.RB_AUTOBOOT) != 0)
        {
            log.Write($"reboot failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        Thread.Sleep(Timeout.Infinite);
    }
}
