using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Scheduler.Hosting;
using Faas.Worker.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas worker: run one worker (instance manager + invoke endpoint + control API) in the foreground, alone or in a cluster.</summary>
public static class WorkerCommand
{
    private const string Help = """
        Run a worker in the foreground: it turns deployed images into micro-VM instances (boot, snapshot,
        restore), serves invocations at /{tenant}/{function}/{path} and a control API under /_faas.
        With --cluster it also joins a cluster (PostgreSQL membership): it registers with the scheduler,
        reports its capacity and load, and the scheduler places instances on it. Listens on loopback unless
        told otherwise. Ctrl-C stops it and every VM it started.

        Examples:
          faas worker
          faas worker --listen http://127.0.0.1:9000
          curl -X PUT http://127.0.0.1:8081/_faas/functions/demo/hello -H 'Content-Type: application/json' \
               -d '{"image":"127.0.0.1:5000/samples/busybox-http:latest"}'
          curl http://127.0.0.1:8081/demo/hello/
          FAAS_POSTGRES="Host=127.0.0.1;Username=faas;Database=faas" faas worker --cluster --worker-id w1 --silo-port 11112
        """;

    public static Command Create()
    {
        var backend = CommonOptions.Backend();
        var flags = new ClusterFlags("Address to listen on");
        var cluster = new Option<bool>("--cluster") { Description = "Join a cluster (needs --postgres or $FAAS_POSTGRES)" };
        var workerId = new Option<string?>("--worker-id") { Description = "Worker id in the cluster ($FAAS_WORKER_ID, default: host name)" };
        var workerUrl = new Option<string?>("--worker-url") { Description = "Invoke endpoint as the gateway reaches it ($FAAS_WORKER_URL, default: the listen address)" };
        var capacity = new Option<int?>("--memory-capacity") { Description = "Guest RAM in MiB for instances in total ($FAAS_MEMORY_CAPACITY, default: 80% of available memory)" };
        var snapshotCache = CommonOptions.SnapshotCache();
        var worker = new Command("worker", Help) { backend, cluster, workerId, workerUrl, capacity, snapshotCache };
        flags.AddTo(worker, silo: true);
        worker.SetAction((parse, cancellationToken) =>
        {
            var overrides = flags.Overrides(parse);
            overrides["WORKER_ID"] = parse.GetValue(workerId);
            overrides["WORKER_URL"] = parse.GetValue(workerUrl);
            overrides["MEMORY_CAPACITY"] = parse.GetValue(capacity)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            overrides["BACKEND"] = parse.GetValue(backend);
            overrides["SNAPSHOT_CACHE"] = parse.GetValue(snapshotCache)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RunAsync(ClusterConfiguration.Build(overrides), parse.GetValue(cluster), cancellationToken);
        });
        return worker;
    }

    private static async Task<int> RunAsync(IConfiguration configuration, bool joinCluster, CancellationToken cancellationToken)
    {
        try
        {
            var cluster = ClusterConfiguration.Cluster(configuration);
            var settings = ClusterConfiguration.Worker(configuration);
            if (joinCluster)
            {
                await PostgresSchema.EnsureAsync(cluster.RequirePostgres(), cancellationToken);
            }

            using var launcher = await VmLauncher.PrepareAsync(configuration["BACKEND"], cancellationToken);
            await using var manager = launcher.CreateInstanceManager(
                settings.CacheDirectory, string.IsNullOrEmpty(cluster.WorkerKey) ? null : cluster.WorkerKey, settings.SnapshotCacheMiB);
            await using var host = WorkerHost.Create(manager, new WorkerHostOptions
            {
                Urls = ClusterFlags.ListenUrls(configuration, WorkerHostOptions.DefaultUrl),
                WorkerKey = string.IsNullOrEmpty(cluster.WorkerKey) ? null : cluster.WorkerKey,
            });
            await host.StartAsync(cancellationToken);
            var addresses = WorkerHost.Addresses(host);
            foreach (var address in addresses)
            {
                await Console.Error.WriteLineAsync($"faas: worker listening on {address} ({launcher.Choice.Backend}/{launcher.Choice.Accelerator})");
            }

            await using var silo = joinCluster
                ? ClusterHosts.WorkerSilo(cluster, SiloOptions(settings, addresses, launcher), manager, [settings.MetricsUrl ?? ClusterWorkerOptions.DefaultMetricsUrl])
                : null;
            if (silo is not null)
            {
                await silo.StartAsync(cancellationToken);
                await Console.Error.WriteLineAsync($"faas: worker joined cluster {cluster.ClusterId}, metrics on {WorkerHost.Addresses(silo)[0]}metrics");
            }

            await Console.Error.WriteLineAsync("faas: worker ready");
            // The host's console lifetime turns SIGINT/SIGTERM into a shutdown; the command's token covers the rest.
            await host.WaitForShutdownAsync(cancellationToken);
            await Console.Error.WriteLineAsync("faas: stopping the worker and its VMs");
            if (silo is not null)
            {
                await silo.StopAsync(CancellationToken.None);
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClusterErrors.IsReportable(e))
        {
            await ClusterErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }

    private static WorkerSiloOptions SiloOptions(ClusterWorkerOptions settings, IReadOnlyList<Uri> addresses, VmLauncher launcher) => new()
    {
        WorkerId = string.IsNullOrWhiteSpace(settings.WorkerId) ? Environment.MachineName : settings.WorkerId,
        Url = string.IsNullOrWhiteSpace(settings.Url) ? addresses[0].ToString().TrimEnd('/') : settings.Url,
        Backend = $"{launcher.Choice.Backend}/{launcher.Choice.Accelerator}",
        MemoryCapacityMiB = settings.MemoryCapacityMiB ?? HostMemory.AvailableMiB() * 4 / 5,
    };
}
