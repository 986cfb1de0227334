using System.Diagnostics;
using Faas.Cli.Hosting;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm;
using Faas.Vmm.Agent;
using Faas.Worker.Functions;
using Faas.Worker.Images;

namespace Faas.Cli.Commands;

/// <summary>Carries out `faas vm run`.</summary>
public static class VmRunner
{
    public static async Task<int> RunAsync(VmRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request) is { } problem)
        {
            await Console.Error.WriteLineAsync($"faas: {problem}");
            return ExitCodes.PlatformError;
        }

        _ = EnvironmentArguments.TryParse(request.Environment, out var environment, out _);
        try
        {
            using var launcher = await VmLauncher.PrepareAsync(request.Backend, cancellationToken);
            if (request.Image is null)
            {
                await using var vm = await launcher.Backend.BootAsync(launcher.Spec(request.MemoryMiB, request.Cpus), cancellationToken);
                await ReportReadyAsync(vm, launcher);
                return await ExecAsync(vm, new ExecRequest(request.Command, environment, request.WorkingDirectory, request.User), cancellationToken);
            }

            var image = await new ImageStore(new ImageStoreOptions()).PrepareAsync(
                request.Image, RegistryCredentialsFromEnvironment.Read(), new ImageProgressReporter(), cancellationToken);
            var overrides = new FunctionOverrides(Environment: environment, WorkingDirectory: request.WorkingDirectory, User: request.User, Port: request.Port);
            var clock = Stopwatch.StartNew();
            await using var imageVm = await ImageVm.BootAsync(launcher.Backend, launcher.Guest, image, request.MemoryMiB, request.Cpus, cancellationToken);
            await ReportReadyAsync(imageVm, launcher);
            if (request.Command.Count > 0)
            {
                var exec = new ExecRequest(
                    request.Command,
                    FunctionProcess.Environment(image.Config, overrides),
                    request.WorkingDirectory ?? NullIfEmpty(image.Config.WorkingDir),
                    request.User ?? NullIfEmpty(image.Config.User));
                return await ExecAsync(imageVm, exec, cancellationToken);
            }

            return await RunFunctionAsync(imageVm, FunctionProcess.Resolve(image.Config, overrides, request.ReadyTimeout), request.Probe, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("faas: interrupted; the VM was stopped");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e) || e is ImageException)
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }

    private static string? Validate(VmRunRequest request)
    {
        if (!EnvironmentArguments.TryParse(request.Environment, out _, out var envError))
        {
            return envError;
        }

        if (request.Image is null && request.Command.Count == 0)
        {
            return "nothing to run: give a command after -- (faas vm run -- uname -a) or an --image";
        }

        if (request.Probe is not null && (request.Image is null || request.Command.Count > 0))
        {
            return "--probe needs --image and no command: it requests a path of the image's function";
        }

        return request.Probe is { } probe && !probe.StartsWith('/') ? $"--probe path '{probe}' must start with /" : null;
    }

    private static Task ReportReadyAsync(IMicroVm vm, VmLauncher launcher) => Console.Error.WriteLineAsync(
        $"faas: VM {vm.Id} ready in {vm.BootToReady.TotalMilliseconds:F0} ms ({launcher.Choice.Backend}/{launcher.Choice.Accelerator}, guest kernel {vm.Agent.Hello.KernelRelease})");

    private static async Task<int> ExecAsync(IMicroVm vm, ExecRequest exec, CancellationToken cancellationToken)
    {
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        var result = await vm.Agent.ExecAsync(exec, ExecOutput.To(stdout, stderr), cancellationToken);
        if (result.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"faas: {error}");
            return ExitCodes.CommandNotRunnable;
        }

        return result.ExitCode ?? ExitCodes.PlatformError;
    }

    private static async Task<int> RunFunctionAsync(IMicroVm vm, StartFunctionRequest function, string? probe, Stopwatch clock, CancellationToken cancellationToken)
    {
        // Not disposed here: the function may write until its VM has stopped, after this method returns.
        var logs = Console.OpenStandardError();
        var started = await vm.Agent.StartFunctionAsync(function, ExecOutput.To(logs, logs), cancellationToken);
        if (started.Failure is { } failure)
        {
            await ReportFunctionFailureAsync(failure);
            return ExitCodes.PlatformError;
        }

        await Console.Error.WriteLineAsync(
            $"faas: function ready on port {function.Port} in {clock.ElapsedMilliseconds} ms from VM start (process start to port open: {started.Ready!.StartToReadyMilliseconds} ms)");
        if (probe is not null)
        {
            var url = $"http://127.0.0.1:{function.Port}{probe}";
            return await ExecAsync(vm, new ExecRequest([GuestPaths.Busybox, "wget", "-q", "-O", "-", url]), cancellationToken);
        }

        await Console.Error.WriteLineAsync("faas: streaming the function's output; Ctrl-C stops the VM");
        var exit = await started.Exited.WaitAsync(cancellationToken);
        await ReportFunctionFailureAsync(exit);
        return ExitCodes.PlatformError;
    }

    private static async Task ReportFunctionFailureAsync(ExecResult result)
    {
        var what = result.Error ?? $"the function exited with code {result.ExitCode}{(result.Signal is { } s ? $" (signal {s})" : "")}";
        await Console.Error.WriteLineAsync($"faas: {what}");
        if (!string.IsNullOrWhiteSpace(result.OutputTail))
        {
            await Console.Error.WriteLineAsync("faas: its last output:");
            foreach (var line in result.OutputTail.TrimEnd().Split('\n'))
            {
                await Console.Error.WriteLineAsync($"  | {line}");
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
