using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Worker.Http;
using Microsoft.Extensions.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas scheduler: the cluster's scheduler silo (functions, tenants, worker registry) on PostgreSQL.</summary>
public static class SchedulerCommand
{
    private const string Help = """
        Run the scheduler of a cluster in the foreground: an Orleans silo that owns every function, tenant and
        the worker registry, with membership and state in PostgreSQL (the schema is created on first start).
        Serves /metrics and /healthz on --listen. Configured by flags or FAAS_ variables (see README,
        "Running a cluster"). Ctrl-C stops it; state stays in the database.

        Examples:
          FAAS_POSTGRES="Host=127.0.0.1;Username=faas;Database=faas" faas scheduler
          faas scheduler --postgres "Host=db;Username=faas;Password=secret;Database=faas" --advertise 10.0.0.5
        """;

    public static Command Create()
    {
        var flags = new ClusterFlags("Address of /metrics and /healthz");
        var command = new Command("scheduler", Help);
        flags.AddTo(command, silo: true);
        command.SetAction((parse, cancellationToken) => RunAsync(ClusterConfiguration.Build(flags.Overrides(parse)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, CancellationToken cancellationToken)
    {
        try
        {
            var cluster = ClusterConfiguration.Cluster(configuration);
            if (await PostgresSchema.EnsureAsync(cluster.RequirePostgres(), cancellationToken))
            {
                await Console.Error.WriteLineAsync("faas: created the cluster schema in PostgreSQL");
            }

            await using var host = ClusterHosts.Scheduler(cluster, ClusterFlags.ListenUrls(configuration, ClusterHosts.DefaultSchedulerUrl));
            await host.StartAsync(cancellationToken);
            foreach (var address in WorkerHost.Addresses(host))
            {
                await Console.Error.WriteLineAsync($"faas: scheduler metrics on {address}metrics");
            }

            await Console.Error.WriteLineAsync($"faas: scheduler ready (cluster {cluster.ClusterId})");
            await host.WaitForShutdownAsync(cancellationToken);
            await Console.Error.WriteLineAsync("faas: stopping the scheduler");
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
}
