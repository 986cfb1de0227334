using System.Net;
using Faas.Common.Net;
using Faas.Scheduler.Hosting;
using Faas.Scheduler.Postgres;

namespace Faas.Cli.Hosting;

/// <summary>Orleans on PostgreSQL: membership for silos and clients, and the scheduler's grain state.</summary>
public static class ClusterOrleansExtensions
{
    /// <summary>A silo of the cluster: PostgreSQL membership, the cluster and service ids, and its endpoints.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="options">The cluster settings.</param>
    /// <param name="acceptClients">
    /// Whether Orleans clients (the gateways) may connect through this silo. Worker silos do not: a worker may die at any
    /// moment, and a gateway's scheduler calls routed through it would fail with it.
    /// </param>
    public static ISiloBuilder UseFaasCluster(this ISiloBuilder silo, ClusterOptions options, bool acceptClients = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.RequirePostgres();
        var address = Advertised(options);
        silo.UsePostgresClustering(connectionString);
        silo.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(membership =>
        {
            // A killed worker is declared dead within seconds rather than the default minute: its calls fail over sooner.
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
            membership.DefunctSiloExpiration = TimeSpan.FromHours(1);
            // A crashed host's row goes stale in seconds, so a host that starts after it does not wait long for it.
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
        var siloPort = options.SiloPort == 0 ? FreePort.Pick() : options.SiloPort;
        var gatewayPort = !acceptClients ? 0 : options.SiloGatewayPort == 0 ? FreePort.Pick() : options.SiloGatewayPort;
        // A silo advertised on loopback listens on loopback only; one advertised on a network address listens on every interface.
        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        return silo;
    }

    /// <summary>The scheduler's grain state in PostgreSQL, under <see cref="SchedulerOptions.StorageName"/>.</summary>
    public static ISiloBuilder AddFaasPostgresStorage(this ISiloBuilder silo, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.RequirePostgres();
        return silo.AddPostgresGrainStorage(SchedulerOptions.StorageName, connectionString);
    }

    /// <summary>An Orleans client of the cluster (the gateway): finds silos through the same membership table.</summary>
    public static IClientBuilder UseFaasCluster(this IClientBuilder client, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.RequirePostgres();
        client.UsePostgresClustering(connectionString);
        client.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        client.Configure<Orleans.Configuration.GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        return client;
    }

    private static IPAddress Advertised(ClusterOptions options)
    {
        if (IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(options.AdvertisedAddress).First(candidate => candidate.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new ClusterConfigurationException($"FAAS_ADVERTISE '{options.AdvertisedAddress}' is neither an IP address nor a resolvable host name", e);
        }
    }
}
