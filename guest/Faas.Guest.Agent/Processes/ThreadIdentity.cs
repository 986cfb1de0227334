using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Agent.Users;

namespace Faas.Guest.Agent.Processes;

/// <summary>
/// Gives the calling thread, and only it, another user's identity until disposed, so that a child spawned from it
/// starts as that user: Linux keeps credentials per thread, the raw set*id system calls change only the caller (glibc's
/// wrappers would change every thread), and clone copies the caller's credentials. The thread keeps root as its saved
/// user id to return to it; execve sets the child's saved id to the user's, and an execve by a non-root user drops
/// every capability, so the program cannot return to root.
/// </summary>
/// <remarks>
/// While switched, the thread must do nothing but system calls: a thread it created would keep the identity for good.
/// Switching back cannot fail for a thread whose saved user id is root; should it anyway, the agent stops.
/// </remarks>
internal sealed unsafe class ThreadIdentity : IDisposable
{
    private readonly (uint Real, uint Effective, uint Saved) _originalUser;
    private readonly (uint Real, uint Effective, uint Saved) _originalGroup;
    private readonly uint[] _originalGroups;
    private bool _restored;

    private ThreadIdentity((uint, uint, uint) originalUser, (uint, uint, uint) originalGroup, uint[] originalGroups)
    {
        _originalUser = originalUser;
        _originalGroup = originalGroup;
        _originalGroups = originalGroups;
    }

    /// <summary>Switches the calling thread to <paramref name="credentials"/>.</summary>
    /// <returns>Null with the identity to dispose, or the system call that failed and why; the thread is then unchanged.</returns>
    public static string? TryAssume(Credentials credentials, out ThreadIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        identity = null;
        uint ruid, euid, suid, rgid, egid, sgid;
        if (LibC.getresuid(&ruid, &euid, &suid) != 0 || LibC.getresgid(&rgid, &egid, &sgid) != 0 || CurrentGroups() is not { } groups)
        {
            return $"cannot read the agent's own identity: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        var switched = new ThreadIdentity((ruid, euid, suid), (rgid, egid, sgid), groups);
        var failed =
            SetGroups([.. credentials.SupplementaryGroupIds]) != 0 ? "setgroups"
            : LibC.syscall(LibC.SYS_setresgid, credentials.GroupId, credentials.GroupId, credentials.GroupId) != 0 ? "setresgid"
            : LibC.syscall(LibC.SYS_setresuid, credentials.UserId, credentials.UserId, 0) != 0 ? "setresuid"
            : null;
        if (failed is not null)
        {
            var error = $"{failed}: {Marshal.GetLastPInvokeErrorMessage()}";
            switched.Dispose();
            return error;
        }

        identity = switched;
        return null;
    }

    /// <summary>Back to the thread's former user, groups and supplementary groups.</summary>
    public void Dispose()
    {
        if (_restored)
        {
            return;
        }

        _restored = true;
        if (LibC.syscall(LibC.SYS_setresuid, _originalUser.Real, _originalUser.Effective, _originalUser.Saved) != 0
            || LibC.syscall(LibC.SYS_setresgid, _originalGroup.Real, _originalGroup.Effective, _originalGroup.Saved) != 0
            || SetGroups(_originalGroups) != 0)
        {
            Environment.FailFast($"a thread of the agent cannot return to its own identity: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    private static uint[]? CurrentGroups()
    {
        var count = LibC.getgroups(0, null);
        if (count <= 0)
        {
            return count == 0 ? [] : null;
        }

        var groups = new uint[count];
        fixed (uint* list = groups)
        {
            return LibC.getgroups(count, list) == count ? groups : null;
        }
    }

    private static long SetGroups(uint[] groups)
    {
        fixed (uint* list = groups)
        {
            return LibC.syscall(LibC.SYS_setgroups, groups.Length, (long)list, 0);
        }
    }
}
