using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Setup;

/// <summary>
/// Makes sure descriptors 0, 1 and 2 are open (the kernel leaves them closed when the initramfs has no
/// /dev/console), so that no pipe or device the agent opens later lands on them by accident.
/// </summary>
internal static class StandardDescriptors
{
    /// <returns>Null on success, otherwise what failed.</returns>
    public static string? EnsureOpen()
    {
        for (var fd = 0; fd <= 2; fd++)
        {
            if (LibC.fcntl(fd, LibC.F_GETFD) >= 0 || Marshal.GetLastPInvokeError() != LibC.EBADF)
            {
                continue;
            }

            var device = fd == 0 ? "/dev/null" : "/dev/console";
            var opened = LibC.open(device, (fd == 0 ? LibC.O_RDONLY : LibC.O_WRONLY) | LibC.O_NOCTTY, 0);
            if (opened < 0)
            {
                return $"cannot open {device} as descriptor {fd}: {Marshal.GetLastPInvokeErrorMessage()}";
            }

            if (opened != fd)
            {
                _ = LibC.close(opened);
                return $"descriptor {fd} is closed but {device} opened as {opened}";
            }
        }

        return null;
    }
}
