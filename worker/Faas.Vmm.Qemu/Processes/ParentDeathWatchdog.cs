namespace Faas.Vmm.Qemu.Processes;

/// <summary>
/// The shell wrapper that starts QEMU so that it cannot outlive the process that started it, even when that
/// process is killed with SIGKILL and has no chance to clean up.
/// </summary>
/// <remarks>
/// prctl(PR_SET_PDEATHSIG) (setpriv --pdeathsig) is not usable from .NET: it fires when the <em>thread</em>
/// that forked exits, and .NET forks from thread-pool threads that come and go, so healthy VMs would die.
/// Instead the wrapper's stdin is a pipe whose write end only this process holds (it is close-on-exec, so
/// no other child inherits it). The kernel closes it however this process ends; a background subshell
/// blocked in <c>cat</c> then reads end-of-file and SIGKILLs QEMU.
/// The shell <c>exec</c>s QEMU, so the pid this process holds is QEMU's own and its exit is the VM's exit;
/// <c>$$</c> in the subshell is that same pid. The subshell only kills while it is still QEMU's child
/// (its parent pid in /proc/self/stat is <c>$$</c>): once QEMU has exited the subshell belongs to init, and
/// a recycled pid is never hit.
/// </remarks>
internal static class ParentDeathWatchdog
{
    public const string Shell = "/bin/sh";

    /// <summary>Passed as $0; QEMU's binary and arguments follow as "$@".</summary>
    public const string ScriptName = "faas-qemu";

    public const string Script = """
        exec 3<&0 </dev/null
        (
          cat <&3 >/dev/null 2>&1
          read -r _ _ _ parent _ </proc/self/stat
          [ "$parent" = "$$" ] && kill -KILL $$
        ) >/dev/null 2>&1 &
        exec "$@" 3<&-
        """;
}
