using CliWrap;

namespace Faas.Cli.Hosting;

/// <summary>
/// Starts a long-running child (a cluster host, PostgreSQL, Redis) so that it cannot outlive this process, even when this process
/// is killed with SIGKILL: the child gets SIGTERM (a clean shutdown), then SIGKILL if it is still running 15 s later.
/// </summary>
/// <remarks>
/// The same mechanism as the QEMU backend's watchdog, because PR_SET_PDEATHSIG fires when the forking <em>thread</em> exits, and
/// .NET forks from thread-pool threads: the child's stdin is a pipe whose write end only this process holds. The kernel closes it
/// however this process ends; a background subshell blocked in <c>cat</c> then reads end-of-file and signals the child. The shell
/// <c>exec</c>s the child, so the pid this process holds is the child's own; the subshell signals only while its parent is still
/// that pid, so a recycled pid is never hit.
/// </remarks>
public static class ParentBoundCommand
{
    public const string Shell = "/bin/sh";

    private const string ScriptName = "faas-child";

    private const string Script = """
        exec 3<&0 </dev/null
        (
          cat <&3 >/dev/null 2>&1
          read -r _ _ _ parent _ </proc/self/stat
          [ "$parent" = "$$" ] || exit 0
          kill -TERM $$
          sleep 15
          read -r _ _ _ parent _ </proc/self/stat
          [ "$parent" = "$$" ] && kill -KILL $$
        ) >/dev/null 2>&1 &
        exec "$@" 3<&-
        """;

    /// <summary><paramref name="program"/> with <paramref name="arguments"/>, bound to this process's life.</summary>
    public static Command Wrap(string program, IEnumerable<string> arguments) =>
        CliWrap.Cli.Wrap(Shell)
            .WithArguments(args => args.Add("-c").Add(Script).Add(ScriptName).Add(program).Add(arguments))
            .WithStandardInputPipe(PipeSource.Create((_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken)));
}
