using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas up --cluster: the cluster topology as local processes, in the foreground, until Ctrl-C or SIGTERM.</summary>
public static class UpClusterCommand
{
    /// <summary>Adds --cluster and --workers to <c>faas up</c>: with --cluster it runs this instead of its single-process platform.</summary>
    public static void Extend(Command up, Option<string> backend, Option<string[]> listen, Option<string?> dataDir, Option<int?> capacity)
    {
        ArgumentNullException.ThrowIfNull(up);
        var cluster = new Option<bool>("--cluster") { Description = "Run the cluster topology as processes: PostgreSQL, Redis, scheduler, gateway, workers" };
        var workers = new Option<int>("--workers") { Description = "Workers to start with --cluster", DefaultValueFactory = _ => 2 };
        workers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--workers takes a number of at least 1");
            }
        });
        up.Options.Add(cluster);
        up.Options.Add(workers);
        var single = up.Action as AsynchronousCommandLineAction ?? throw new InvalidOperationException("faas up has no asynchronous action to extend");
        up.SetAction((parse, cancellationToken) => parse.GetValue(cluster)
            ? RunAsync(
                new LocalClusterOptions
                {
                    DataDirectory = Hosting.DataDirectory.Resolve(parse.GetValue(dataDir)),
                    Workers = parse.GetValue(workers),
                    GatewayUrl = (parse.GetValue(listen) ?? [EmbeddedPlatformOptions.DefaultGatewayUrl])[0],
                    Backend = parse.GetValue(backend),
                    WorkerMemoryCapacityMiB = parse.GetValue(capacity),
                },
                cancellationToken)
            : single.InvokeAsync(parse, cancellationToken));
    }

    public static async Task<int> RunAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });
        try
        {
            await Console.Error.WriteLineAsync($"faas: starting a cluster of {options.Workers} workers, data in {options.DataDirectory}");
            await using var cluster = await LocalCluster.StartAsync(options, stopping.Token);
            await Console.Error.WriteLineAsync($"faas: postgres   {cluster.PostgresConnectionString}");
            await Console.Error.WriteLineAsync($"faas: redis      {cluster.RedisAddress}");
            await Console.Error.WriteLineAsync($"faas: scheduler  pid {cluster.Scheduler?.ProcessId}, metrics on {cluster.SchedulerMetrics}/metrics");
            for (var index = 0; index < cluster.Workers.Count; index++)
            {
                await Console.Error.WriteLineAsync($"faas: worker-{index + 1}   pid {cluster.Workers[index]?.ProcessId}, invoke endpoint {cluster.WorkerUrls[index]}");
            }

            await Console.Error.WriteLineAsync($"faas: gateway listening on {cluster.Gateway}");
            var key = cluster.GatewayProcess?.Output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith("faas:", StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal));
            if (key is not null)
            {
                await Console.Error.WriteLineAsync($"faas: created tenant \"default\"; its API key (shown once, saved in {cluster.ApiKeyPath}):");
                await Console.Out.WriteLineAsync(key);
            }
            else
            {
                await Console.Error.WriteLineAsync($"faas: API key of tenant \"default\" in {cluster.ApiKeyPath}");
            }

            await Console.Error.WriteLineAsync("faas: ready");
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("faas: stopping the cluster");
            }

            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClusterErrors.IsReportable(e) || e is Npgsql.NpgsqlException)
        {
            await ClusterErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }
}
