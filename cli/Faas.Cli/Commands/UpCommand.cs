using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Common.Durations;
using Faas.Worker.Images;

namespace Faas.Cli.Commands;

/// <summary>faas up: the whole platform (gateway, scheduler, worker) in one process, in the foreground.</summary>
public static class UpCommand
{
    private const string Help = """
        Run the whole platform in the foreground: the gateway (invocations at /function/NAME and the
        management API at /system), the scheduler and a worker that runs every function in its own
        micro-VM. Deployments, versions and tenants are kept under the data directory and survive a
        restart. On its first start it creates the tenant "default" and prints its API key once (it is
        also saved, readable only by you, as <data dir>/api-key, where the other faas commands find it).
        Listens on loopback unless told otherwise. Ctrl-C stops it and every VM it started.
        With --cluster it runs the cluster topology instead, as separate processes on loopback: PostgreSQL
        and Redis (from the host's packages), one scheduler, one gateway and --workers workers.

        Examples:
          faas up
          faas up --cluster --workers 2
          faas up --listen http://127.0.0.1:9090 --data-dir /var/lib/faas
          faas up --redis 127.0.0.1:6379
          faas deploy hello --image 127.0.0.1:5000/samples/busybox-http:latest
          curl -H "Authorization: Bearer $(cat ~/.local/share/faas/api-key)" http://127.0.0.1:8080/function/hello
        """;

    public static Command Create()
    {
        var backend = CommonOptions.Backend();
        var listen = new Option<string[]>("--listen")
        {
            Description = "Address the gateway listens on (repeatable)",
            DefaultValueFactory = _ => [EmbeddedPlatformOptions.DefaultGatewayUrl],
        };
        var workerListen = new Option<string>("--worker-listen")
        {
            Description = "Address of the worker's invoke endpoint, which only the gateway calls (port 0: any free port)",
            DefaultValueFactory = _ => "http://127.0.0.1:0",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where deployments, versions and tenants are kept (default: $FAAS_DATA_DIR, else ~/.local/share/faas)" };
        var capacity = new Option<int?>("--memory-capacity") { Description = "Guest RAM in MiB the worker may give to instances in total (default: 80% of available memory)" };
        var queueWait = new Option<string>("--queue-wait")
        {
            Description = "How long a call waits for a function at its maxInstances before it gets 429 (e.g. 10s, 500ms)",
            DefaultValueFactory = _ => "10s",
        };
        queueWait.Validators.Add(result =>
        {
            if (!GoDuration.TryParse(result.GetValueOrDefault<string>(), out var wait) || wait < TimeSpan.Zero)
            {
                result.AddError("--queue-wait takes a duration such as 10s or 500ms");
            }
        });
        var redis = new Option<string?>("--redis") { Description = "Redis (HOST:PORT) for asynchronous invocations at /async-function/NAME (default: $FAAS_REDIS; none: they answer 503)" };
        var snapshotCache = CommonOptions.SnapshotCache();
        var up = new Command("up", Help) { backend, listen, workerListen, dataDir, capacity, queueWait, redis, snapshotCache };
        up.SetAction((parse, cancellationToken) => RunAsync(
            new EmbeddedPlatformOptions
            {
                Backend = parse.GetValue(backend),
                GatewayUrls = parse.GetValue(listen) ?? [EmbeddedPlatformOptions.DefaultGatewayUrl],
                WorkerUrl = parse.GetValue(workerListen) ?? "http://127.0.0.1:0",
                DataDirectory = parse.GetValue(dataDir),
                MemoryCapacityMiB = parse.GetValue(capacity),
                SnapshotCacheMiB = parse.GetValue(snapshotCache) ?? ParseMiB(Environment.GetEnvironmentVariable("FAAS_SNAPSHOT_CACHE")),
                QueueWait = GoDuration.TryParse(parse.GetValue(queueWait), out var wait) ? wait : TimeSpan.FromSeconds(10),
                Redis = parse.GetValue(redis) ?? NullIfEmpty(Environment.GetEnvironmentVariable("FAAS_REDIS")),
                WorkerKey = NullIfEmpty(Environment.GetEnvironmentVariable("FAAS_WORKER_KEY")),
            },
            cancellationToken));
        UpClusterCommand.Extend(up, backend, listen, dataDir, capacity);
        return up;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? ParseMiB(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mib) && mib > 0 ? mib : null;

    private static async Task<int> RunAsync(EmbeddedPlatformOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var platform = await EmbeddedPlatform.StartAsync(options, cancellationToken);
            var choice = platform.Launcher.Choice;
            await Console.Error.WriteLineAsync($"faas: backend {choice.Backend}/{choice.Accelerator} ({choice.Reason})");
            await Console.Error.WriteLineAsync($"faas: data in {platform.DataDirectory}");
            foreach (var address in platform.GatewayAddresses)
            {
                await Console.Error.WriteLineAsync($"faas: gateway listening on {address}");
            }

            if (platform.NewApiKey is { } key)
            {
                await Console.Error.WriteLineAsync($"faas: created tenant \"default\"; its API key (shown once, saved in {platform.ApiKeyPath}):");
                await Console.Out.WriteLineAsync(key);
            }
            else
            {
                await Console.Error.WriteLineAsync($"faas: API key of tenant \"default\" in {platform.ApiKeyPath}");
            }

            await Console.Error.WriteLineAsync("faas: ready");
            await platform.WaitForShutdownAsync(cancellationToken);
            await Console.Error.WriteLineAsync("faas: stopping the platform and its VMs");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e) || e is ImageException)
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }
}
