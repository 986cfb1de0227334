using Microsoft.Extensions.Configuration;

namespace Faas.Cli.Hosting;

/// <summary>
/// Configuration of a cluster host: environment variables with the <see cref="EnvironmentPrefix"/> prefix (FAAS_POSTGRES → Postgres),
/// then command-line flags, which win.
/// </summary>
public static class ClusterConfiguration
{
    public const string EnvironmentPrefix = "FAAS_";

    /// <summary>Every variable a cluster host reads, with what it sets (the README lists the same).</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["FAAS_POSTGRES"] = "Npgsql connection string of the cluster database (required)",
        ["FAAS_CLUSTER_ID"] = "Orleans cluster id (default faas)",
        ["FAAS_SERVICE_ID"] = "Orleans service id; grain state is kept under it (default faas)",
        ["FAAS_ADVERTISE"] = "address other hosts reach this silo at (default 127.0.0.1)",
        ["FAAS_SILO_PORT"] = "silo-to-silo port (default 11111; 0 = any free port)",
        ["FAAS_SILO_GATEWAY_PORT"] = "port Orleans clients connect to (default 30000; 0 = any free port)",
        ["FAAS_LISTEN"] = "HTTP listen address of the gateway, scheduler (/metrics) or worker",
        ["FAAS_WORKER_ID"] = "worker id (default: the host name)",
        ["FAAS_WORKER_URL"] = "worker invoke endpoint as the gateway reaches it (default: its listen address)",
        ["FAAS_MEMORY_CAPACITY"] = "guest RAM in MiB a worker may give to instances (default 80% of available memory)",
        ["FAAS_SNAPSHOT_CACHE"] = "the most disk space (MiB) a worker's snapshots may take; least recently used go first (default 25% of the cache's file system, at most 50 GiB)",
        ["FAAS_WORKER_CACHE_DIR"] = "where a worker keeps images and snapshots (default: the faas cache, $FAAS_CACHE_DIR or ~/.cache/faas)",
        ["FAAS_METRICS_LISTEN"] = "where a worker in a cluster serves /metrics (default http://127.0.0.1:9464)",
        ["FAAS_BACKEND"] = "VM backend of a worker: auto, kvm or qemu",
        ["FAAS_DATA_DIR"] = "data directory (the gateway saves the first tenant's API key there)",
        ["FAAS_REDIS"] = "Redis address for asynchronous invocations (gateway)",
        ["FAAS_WORKER_KEY"] = "secret shared by the gateway and the workers; a worker answers only requests that carry it (required when a worker listens beyond loopback)",
    };

    /// <summary>The environment (prefix stripped) overlaid with <paramref name="overrides"/> (flags given on the command line; nulls skipped).</summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string?>? overrides = null, IDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (environment is null)
        {
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            builder.AddInMemoryCollection(environment
                .Where(variable => variable.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
                .Select(variable => KeyValuePair.Create(variable.Key[EnvironmentPrefix.Length..], variable.Value)));
        }

        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides.Where(entry => entry.Value is not null));
        }

        return builder.Build();
    }

    public static ClusterOptions Cluster(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Bind<ClusterOptions>(configuration);
    }

    public static ClusterWorkerOptions Worker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Bind<ClusterWorkerOptions>(configuration);
    }

    private static T Bind<T>(IConfiguration configuration)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ClusterConfigurationException($"invalid cluster setting: {e.Message}", e);
        }

        return options;
    }
}
