using System.Net;
using Npgsql;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Faas.Scheduler.Postgres;

/// <summary>The gateways an Orleans client may connect to: the proxy endpoints of the active silos in <c>faas_membership</c>.</summary>
public sealed class PostgresGatewayListProvider : IGatewayListProvider
{
    private readonly string _connectionString;
    private readonly string _clusterId;

    public PostgresGatewayListProvider(string connectionString, string clusterId, TimeSpan maxStaleness)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        _connectionString = connectionString;
        _clusterId = clusterId;
        MaxStaleness = maxStaleness;
    }

    public TimeSpan MaxStaleness { get; }

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => PostgresSchema.EnsureAsync(_connectionString, CancellationToken.None);

    public async Task<IList<Uri>> GetGateways()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT address, proxy_port, generation FROM faas_membership WHERE cluster_id = @cluster AND status = @active AND proxy_port > 0", connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("active", (int)SiloStatus.Active);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var gateways = new List<Uri>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            gateways.Add(SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2)).ToGatewayUri());
        }

        return gateways;
    }
}
