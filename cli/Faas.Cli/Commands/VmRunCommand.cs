using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm;
using Faas.Vmm.Agent;

namespace Faas.Cli.Commands;

/// <summary>faas vm run: boot a VM, run one command, stream its output, exit with its exit code.</summary>
public static class VmRunCommand
{
    private const string Help = """
        Boot a micro-VM, run one command in it, stream its output and exit with the command's exit code.
        The time from starting the VM to its agent being ready is reported on stderr.

        Examples:
          faas vm run -- uname -a
          faas vm run -- sh -c 'exit 7'            # exits 7
          faas vm run --memory 512 --cpus 2 -e GREETING=hi -w /tmp -- sh -c 'echo $GREETING from $PWD'
        """;

    public static Command Create()
    {
        var backend = CommonOptions.Backend();
        var memory = CommonOptions.Memory();
        var cpus = CommonOptions.Cpus();
        var env = new Option<string[]>("--env", "-e") { Description = "Environment variable for the command, KEY=VALUE (repeatable)" };
        var workdir = new Option<string?>("--workdir", "-w") { Description = "Working directory in the guest" };
        var command = new Argument<string[]>("command") { Description = "The program and its arguments, after --", Arity = ArgumentArity.OneOrMore };

        var run = new Command("run", Help) { backend, memory, cpus, env, workdir, command };
        run.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(backend),
            parse.GetValue(memory),
            parse.GetValue(cpus),
            parse.GetValue(env) ?? [],
            parse.GetValue(workdir),
            parse.GetValue(command) ?? [],
            cancellationToken));
        return run;
    }

    private static async Task<int> RunAsync(string? backend, int memory, int cpus, string[] env, string? workdir, string[] argv, CancellationToken cancellationToken)
    {
        if (!EnvironmentArguments.TryParse(env, out var environment, out var envError))
        {
            await Console.Error.WriteLineAsync($"faas: {envError}");
            return ExitCodes.PlatformError;
        }

        try
        {
            var launcher = await VmLauncher.PrepareAsync(backend, cancellationToken);
            await using var vm = await launcher.Backend.BootAsync(launcher.Spec(memory, cpus), cancellationToken);
            await Console.Error.WriteLineAsync(
                $"faas: VM {vm.Id} ready in {vm.BootToReady.TotalMilliseconds:F0} ms ({launcher.Choice.Backend}/{launcher.Choice.Accelerator}, guest kernel {vm.Agent.Hello.KernelRelease})");

            using var stdout = Console.OpenStandardOutput();
            using var stderr = Console.OpenStandardError();
            var result = await vm.Agent.ExecAsync(new ExecRequest(argv, environment, workdir), ExecOutput.To(stdout, stderr), cancellationToken);
            if (result.Error is { } error)
            {
                await Console.Error.WriteLineAsync($"faas: {error}");
                return ExitCodes.CommandNotRunnable;
            }

            return result.ExitCode ?? ExitCodes.PlatformError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("faas: interrupted; the VM was stopped");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e))
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }
}
