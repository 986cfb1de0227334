using System.CommandLine;
using Faas.Cli.Hosting;
using Faas.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas gateway: the cluster's gateway (invocations, system API, /metrics) over an Orleans client.</summary>
public static class GatewayCommand
{
    private const string Help = """
        Run a gateway of a cluster in the foreground: invocations at /function/NAME, the management API at
        /system and /metrics, asking the cluster's scheduler (found through PostgreSQL) for instances. On the
        cluster's first start it creates the tenant "default" and prints its API key once (also saved as
        <data dir>/api-key). Configured by flags or FAAS_ variables (see README, "Running a cluster").

        Examples:
          FAAS_POSTGRES="Host=127.0.0.1;Username=faas;Database=faas" faas gateway --listen http://0.0.0.0:8080
          faas gateway --postgres "Host=db;Username=faas;Password=secret;Database=faas" --data-dir /var/lib/faas
        """;

    public static Command Create()
    {
        var flags = new ClusterFlags("Address the gateway listens on");
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the first tenant's API key is saved ($FAAS_DATA_DIR, else ~/.local/share/faas)" };
        var command = new Command("gateway", Help) { dataDir };
        flags.AddTo(command, silo: false);
        command.SetAction((parse, cancellationToken) => RunAsync(ClusterConfiguration.Build(flags.Overrides(parse)), parse.GetValue(dataDir), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, string? dataDir, CancellationToken cancellationToken)
    {
        try
        {
            var cluster = ClusterConfiguration.Cluster(configuration);
            var dataDirectory = DataDirectory.Resolve(dataDir);
            Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await PostgresSchema.EnsureAsync(cluster.RequirePostgres(), cancellationToken);
            await using var host = ClusterHosts.Gateway(cluster, ClusterFlags.ListenUrls(configuration, Faas.Cli.Hosting.EmbeddedPlatformOptions.DefaultGatewayUrl));
            await host.StartAsync(cancellationToken);
            foreach (var address in WorkerHost.Addresses(host))
            {
                await Console.Error.WriteLineAsync($"faas: gateway listening on {address}");
            }

            var apiKeyPath = Path.Combine(dataDirectory, EmbeddedPlatform.ApiKeyFileName);
            if (await FirstTenant.EnsureAsync(host.Services.GetRequiredService<IGrainFactory>(), apiKeyPath) is { } key)
            {
                await Console.Error.WriteLineAsync($"faas: created tenant \"default\"; its API key (shown once, saved in {apiKeyPath}):");
                await Console.Out.WriteLineAsync(key);
            }

            await Console.Error.WriteLineAsync("faas: gateway ready");
            await host.WaitForShutdownAsync(cancellationToken);
            await Console.Error.WriteLineAsync("faas: stopping the gateway");
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
