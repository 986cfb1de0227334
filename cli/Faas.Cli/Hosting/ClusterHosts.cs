using Faas.Gateway.Hosting;
using Faas.Gateway.Metrics;
using Faas.Scheduler.Hosting;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Faas.Cli.Hosting;

/// <summary>The hosts of a cluster, composed from the same components as <c>faas up</c>: scheduler silo, gateway over an Orleans client, worker silo.</summary>
public static class ClusterHosts
{
    public const string DefaultSchedulerUrl = "http://127.0.0.1:8082";

    /// <summary>An Orleans silo with the scheduler's grains, state in PostgreSQL, and <c>/metrics</c> on <paramref name="urls"/>.</summary>
    public static WebApplication Scheduler(ClusterOptions cluster, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = CreateBuilder(urls);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter([.. MeterNames.All]).AddPrometheusExporter());
        builder.UseOrleans(silo => silo
            .UseFaasCluster(cluster)
            .AddFaasPostgresStorage(cluster)
            .AddFaasScheduler());
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint();
        app.MapGet("/healthz", () => "ok");
        return app;
    }

    /// <summary>The gateway (invocations, system API, <c>/metrics</c>) over an Orleans client of the cluster.</summary>
    public static WebApplication Gateway(ClusterOptions cluster, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = CreateBuilder(urls);
        builder.Services.AddFaasGateway(gateway =>
        {
            gateway.Redis = string.IsNullOrWhiteSpace(cluster.Redis) ? null : cluster.Redis;
            gateway.WorkerKey = string.IsNullOrEmpty(cluster.WorkerKey) ? null : cluster.WorkerKey;
        });
        builder.UseOrleansClient(client => client
            .UseFaasCluster(cluster)
            .UseConnectionRetryFilter(RetryConnectingFor(TimeSpan.FromMinutes(2))));
        var app = builder.Build();
        app.MapFaasGateway();
        return app;
    }

    /// <summary>
    /// A silo that runs only the worker grain of <paramref name="worker"/>, driving <paramref name="manager"/>, with the worker's
    /// <c>/metrics</c> on <paramref name="metricsUrls"/>.
    /// </summary>
    public static WebApplication WorkerSilo(ClusterOptions cluster, WorkerSiloOptions worker, IInstanceManager manager, IReadOnlyList<string> metricsUrls)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = CreateBuilder(metricsUrls);
        builder.Services.AddSingleton(manager);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter([.. MeterNames.All]).AddPrometheusExporter());
        builder.UseOrleans(silo => silo
            .UseFaasCluster(cluster, acceptClients: false)
            .AddFaasWorker(worker));
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(IReadOnlyList<string> urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(builder.Logging);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console => console.SingleLine = true);
        logging.SetMinimumLevel(LogLevel.Warning);
        // Start-up advice about server GC on a multi-core host, and connection retries while peers start, are expected here.
        logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        // Peers that come and go (a worker restarting, a scheduler being replaced) make Orleans warn on every retry.
        logging.AddFilter("Orleans", LogLevel.Error);
    }

    private static Func<Exception, CancellationToken, Task<bool>> RetryConnectingFor(TimeSpan total)
    {
        var deadline = DateTime.UtcNow + total;
        return async (_, cancellationToken) =>
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            return true;
        };
    }
}
