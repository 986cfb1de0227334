using Microsoft.Extensions.Configuration;

namespace Faas.Cli.Hosting;

/// <summary>
/// How a cluster host (scheduler, gateway, worker) finds the others: every setting comes from configuration, usually the
/// environment (<c>FAAS_POSTGRES</c>, <c>FAAS_SILO_PORT</c>, …; see <see cref="ClusterConfiguration"/>), and command-line flags override it.
/// </summary>
public sealed class ClusterOptions
{
    public const string DefaultClusterId = "faas";
    public const int DefaultSiloPort = 11111;
    public const int DefaultSiloGatewayPort = 30000;

    /// <summary>Npgsql connection string of the database holding membership and grain state (FAAS_POSTGRES).</summary>
    public string? Postgres { get; set; }

    /// <summary>Silos and clients with the same cluster id form one cluster (FAAS_CLUSTER_ID).</summary>
    [ConfigurationKeyName("CLUSTER_ID")]
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Grain state is keyed by the service id, so it survives a new cluster id (FAAS_SERVICE_ID).</summary>
    [ConfigurationKeyName("SERVICE_ID")]
    public string ServiceId { get; set; } = DefaultClusterId;

    /// <summary>The address other silos and clients reach this silo at (FAAS_ADVERTISE); the silo listens on every address.</summary>
    [ConfigurationKeyName("ADVERTISE")]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Port silos talk to each other on (FAAS_SILO_PORT); 0 picks a free one.</summary>
    [ConfigurationKeyName("SILO_PORT")]
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Port Orleans clients (the gateway) connect to a silo on (FAAS_SILO_GATEWAY_PORT); 0 picks a free one.</summary>
    [ConfigurationKeyName("SILO_GATEWAY_PORT")]
    public int SiloGatewayPort { get; set; } = DefaultSiloGatewayPort;

    /// <summary>Redis (HOST:PORT) the gateway queues asynchronous invocations in and shares its authentication cache through; null: none.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The secret the gateway and the workers share: a worker answers only requests that carry it. Required for a worker that
    /// listens beyond loopback.
    /// </summary>
    public string? WorkerKey { get; set; }

    /// <summary>The connection string, or a clear error naming the variable that sets it.</summary>

    public string RequirePostgres() =>
        string.IsNullOrWhiteSpace(Postgres)
            ? throw new ClusterConfigurationException("no PostgreSQL connection string: set FAAS_POSTGRES (e.g. \"Host=127.0.0.1;Port=5432;Username=faas;Password=…;Database=faas\") or pass --postgres")
            : Postgres;
}
