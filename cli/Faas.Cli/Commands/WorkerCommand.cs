using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Worker.Http;
using Microsoft.Extensions.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas worker: run one worker (instance manager + invoke endpoint + control API) in the foreground.</summary>
public static class WorkerCommand
{
    private const string Help = """
        Run a worker in the foreground: it turns deployed images into micro-VM instances (boot, snapshot,
        restore), serves invocations at /{tenant}/{function}/{path} and a control API under /_faas.
        Listens on loopback unless told otherwise. Ctrl-C stops it and every VM it started.

        Examples:
          faas worker
          faas worker --listen http://127.0.0.1:9000
          curl -X PUT http://127.0.0.1:8081/_faas/functions/demo/hello -H 'Content-Type: application/json' \
               -d '{"image":"127.0.0.1:5000/samples/busybox-http:latest"}'
          curl http://127.0.0.1:8081/demo/hello/
          curl http://127.0.0.1:8081/_faas/functions/demo/hello/logs?format=text
        """;

    public static Command Create()
    {
        var backend = CommonOptions.Backend();
        var listen = new Option<string[]>("--listen") { Description = "Address to listen on (repeatable)", DefaultValueFactory = _ => [WorkerHostOptions.DefaultUrl] };
        var worker = new Command("worker", Help) { backend, listen };
        worker.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(backend), parse.GetValue(listen) ?? [], cancellationToken));
        return worker;
    }

    private static async Task<int> RunAsync(string? backend, string[] urls, CancellationToken cancellationToken)
    {
        try
        {
            using var launcher = await VmLauncher.PrepareAsync(backend, cancellationToken);
            await using var manager = launcher.CreateInstanceManager();
            await using var host = WorkerHost.Create(manager, new WorkerHostOptions { Urls = urls });
            await host.StartAsync(cancellationToken);
            foreach (var address in WorkerHost.Addresses(host))
            {
                await Console.Error.WriteLineAsync($"faas: worker listening on {address} ({launcher.Choice.Backend}/{launcher.Choice.Accelerator})");
            }

            // The host's console lifetime turns SIGINT/SIGTERM into a shutdown; the command's token covers the rest.
            await host.WaitForShutdownAsync(cancellationToken);
            await Console.Error.WriteLineAsync("faas: stopping the worker and its VMs");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e))
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }
}
