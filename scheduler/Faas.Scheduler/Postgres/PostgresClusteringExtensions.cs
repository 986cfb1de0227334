using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Faas.Scheduler.Postgres;

/// <summary>Cluster membership in PostgreSQL for silos (<see cref="PostgresMembershipTable"/>) and clients (<see cref="PostgresGatewayListProvider"/>).</summary>
public static class PostgresClusteringExtensions
{
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton<IMembershipTable>(services =>
            new PostgresMembershipTable(connectionString, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
        return builder;
    }

    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton<IGatewayListProvider>(services => new PostgresGatewayListProvider(
            connectionString,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod));
        return builder;
    }
}
