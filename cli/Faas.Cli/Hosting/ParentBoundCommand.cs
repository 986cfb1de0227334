using CliWrap;
using Faas.Vmm.Processes;

namespace Faas.Cli.Hosting;

/// <summary>
/// Starts a long-running child (a cluster host, PostgreSQL, Redis) so that it cannot outlive this process, even when this process
/// is killed with SIGKILL: the child gets SIGTERM (a clean shutdown), then SIGKILL if it is still running 15 s later
/// (<see cref="ParentBoundShell"/>).
/// </summary>
public static class ParentBoundCommand
{
    private static readonly string Script = ParentBoundShell.Script(graceSeconds: 15);

    /// <summary><paramref name="program"/> with <paramref name="arguments"/>, bound to this process's life.</summary>
    public static Command Wrap(string program, IEnumerable<string> arguments) =>
        CliWrap.Cli.Wrap(ParentBoundShell.Shell)
            .WithArguments(args => args.Add("-c").Add(Script).Add("faas-child").Add(program).Add(arguments))
            .WithStandardInputPipe(PipeSource.Create((_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken)));
}
