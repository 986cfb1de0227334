using Npgsql;
using Orleans.Runtime;

namespace Faas.Scheduler.Postgres;

/// <summary>
/// Orleans cluster membership in PostgreSQL: one version row per cluster (<c>faas_membership_version</c>) and one row per silo
/// (<c>faas_membership</c>). Inserts and updates change a silo's row and the version row in one transaction, and only when the
/// version's ETag (and, for updates, the row's ETag) is the one the caller read; a heartbeat changes neither ETag.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable
{
    private const string KeyFilter = "cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation";

    private readonly string _connectionString;
    private readonly string _clusterId;

    public PostgresMembershipTable(string connectionString, string clusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        _connectionString = connectionString;
        _clusterId = clusterId;
    }

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await PostgresSchema.EnsureAsync(_connectionString, CancellationToken.None).ConfigureAwait(false);
        if (!tryInitTableVersion)
        {
            return;
        }

        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, "INSERT INTO faas_membership_version (cluster_id, version, etag) VALUES (@cluster, 0, @etag) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("etag", NewETag());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM faas_membership_version WHERE cluster_id = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM faas_membership WHERE cluster_id = @cluster AND status = @dead AND GREATEST(start_time, i_am_alive_time) < @before");
        command.Parameters.AddWithValue("dead", (int)SiloStatus.Dead);
        command.Parameters.AddWithValue("before", beforeDate.UtcDateTime);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(key);
    }

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return await ChangeAsync(tableVersion, $"INSERT INTO faas_membership (cluster_id, {MembershipRow.Columns}) VALUES (@cluster, @address, @port, @generation, @status, @silo_name, @host_name, @role_name, @proxy_port, @update_zone, @fault_zone, @start_time, @i_am_alive_time, @suspect_times, @row_etag) ON CONFLICT DO NOTHING", entry, null).ConfigureAwait(false);
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return await ChangeAsync(tableVersion, $"""
            UPDATE faas_membership SET status = @status, silo_name = @silo_name, host_name = @host_name, role_name = @role_name, proxy_port = @proxy_port,
                update_zone = @update_zone, fault_zone = @fault_zone, start_time = @start_time, i_am_alive_time = @i_am_alive_time, suspect_times = @suspect_times, etag = @row_etag
            WHERE {KeyFilter} AND etag = @expected_row_etag
            """, entry, etag).ConfigureAwait(false);
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, $"UPDATE faas_membership SET i_am_alive_time = @i_am_alive_time WHERE {KeyFilter}");
        MembershipRow.AddKey(command, entry.SiloAddress);
        command.Parameters.AddWithValue("i_am_alive_time", MembershipRow.Utc(entry.IAmAliveTime));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<MembershipTableData> ReadAsync(SiloAddress? key)
    {
        await using var connection = await OpenAsync().ConfigureAwait(false);
        // One statement, so the rows and the version come from the same snapshot.
        var silo = key is null ? "" : " AND m.address = @address AND m.port = @port AND m.generation = @generation";
        await using var command = Command(connection, $"""
            SELECT v.version, v.etag, {string.Join(", ", MembershipRow.Columns.Split(", ").Select(column => "m." + column))}
            FROM faas_membership_version v LEFT JOIN faas_membership m ON m.cluster_id = v.cluster_id{silo}
            WHERE v.cluster_id = @cluster
            """);
        if (key is not null)
        {
            MembershipRow.AddKey(command, key);
        }

        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        TableVersion? version = null;
        var rows = new List<Tuple<MembershipEntry, string>>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            version ??= new TableVersion(reader.GetInt32(0), reader.GetString(1));
            if (!reader.IsDBNull(2))
            {
                rows.Add(MembershipRow.Read(reader, 2));
            }
        }

        return new MembershipTableData(rows, version ?? new TableVersion(0, ""));
    }

    private async Task<bool> ChangeAsync(TableVersion tableVersion, string rowSql, MembershipEntry entry, string? expectedRowETag)
    {
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var version = Command(connection, "UPDATE faas_membership_version SET version = @version, etag = @etag WHERE cluster_id = @cluster AND etag = @expected_etag"))
        {
            version.Parameters.AddWithValue("version", tableVersion.Version);
            version.Parameters.AddWithValue("etag", NewETag());
            version.Parameters.AddWithValue("expected_etag", tableVersion.VersionEtag ?? "");
            if (await version.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var row = Command(connection, rowSql))
        {
            MembershipRow.AddValues(row, entry);
            row.Parameters.AddWithValue("row_etag", NewETag());
            row.Parameters.AddWithValue("expected_row_etag", expectedRowETag ?? "");
            if (await row.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        return connection;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        return command;
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
