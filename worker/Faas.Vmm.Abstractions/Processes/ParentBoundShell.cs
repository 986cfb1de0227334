namespace Faas.Vmm.Processes;

/// <summary>
/// A shell wrapper that binds a child process (a VM, a cluster host) to the life of the process that starts it, even when
/// that process is killed with SIGKILL and has no chance to clean up.
/// </summary>
/// <remarks>
/// prctl(PR_SET_PDEATHSIG) (setpriv --pdeathsig) is not usable from .NET: it fires when the <em>thread</em> that forked exits,
/// and .NET forks from thread-pool threads that come and go, so healthy children would die. Instead the wrapper's stdin is a
/// pipe whose write end only the starting process holds (close-on-exec, so no other child inherits it), kept open for the
/// child's life. The kernel closes it however that process ends; a background subshell blocked in <c>cat</c> then reads
/// end-of-file and signals the child. The shell <c>exec</c>s the child, so the pid the starter holds is the child's own and
/// <c>$$</c> in the subshell is that same pid. The subshell signals only while it is still the child's child (its parent pid in
/// /proc/self/stat is <c>$$</c>): once the child has exited the subshell belongs to init, and a recycled pid is never hit.
/// Run it as <c>/bin/sh -c SCRIPT NAME PROGRAM ARGUMENTS…</c>.
/// </remarks>
public static class ParentBoundShell
{
    public const string Shell = "/bin/sh";

    /// <summary>The script: on the starter's death, SIGKILL at once (<paramref name="graceSeconds"/> 0), or SIGTERM and SIGKILL after the grace.</summary>
    public static string Script(int graceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(graceSeconds);
        var onDeath = graceSeconds == 0
            ? """
              [ "$parent" = "$$" ] && kill -KILL $$
              """
            : $$"""
              [ "$parent" = "$$" ] || exit 0
              kill -TERM $$
              sleep {{graceSeconds}}
              read -r _ _ _ parent _ </proc/self/stat
              [ "$parent" = "$$" ] && kill -KILL $$
              """;
        return $$"""
            exec 3<&0 </dev/null
            (
              cat <&3 >/dev/null 2>&1
              read -r _ _ _ parent _ </proc/self/stat
            {{Indent(onDeath)}}
            ) >/dev/null 2>&1 &
            exec "$@" 3<&-
            """;
    }

    private static string Indent(string lines) => string.Join('\n', lines.Split('\n').Select(line => "  " + line));
}
