using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Faas.Scheduler.Postgres;

/// <summary>
/// Grain state as JSON in <c>faas_grain_state</c>, one row per (grain type, grain key, state name). Every write and clear carries the
/// ETag of the state it replaces; a stale one is an <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _name;
    private readonly string _connectionString;
    private readonly IActivatorProvider _activators;

    /// <param name="name">The provider's name, for messages.</param>
    /// <param name="connectionString">The database holding <c>faas_grain_state</c> (see <see cref="PostgresSchema"/>).</param>
    /// <param name="activators">Creates the empty state of a grain that has none stored.</param>
    public PostgresGrainStorage(string name, string connectionString, IActivatorProvider activators)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(activators);
        _name = name;
        _connectionString = connectionString;
        _activators = activators;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, "SELECT etag, data::text FROM faas_grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (await reader.ReadAsync().ConfigureAwait(false))
        {
            grainState.ETag = reader.GetString(0);
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), Json) ?? Create<T>();
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Create<T>();
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var etag = NewETag();
        await using var connection = await OpenAsync().ConfigureAwait(false);
        var sql = grainState.ETag is null
            ? "INSERT INTO faas_grain_state (grain_type, grain_key, state_name, etag, data) VALUES (@type, @key, @state, @etag, @data) ON CONFLICT DO NOTHING"
            : "UPDATE faas_grain_state SET etag = @etag, data = @data WHERE grain_type = @type AND grain_key = @key AND state_name = @state AND etag = @expected";
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("etag", etag);
        command.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(grainState.State, Json));
        command.Parameters.AddWithValue("expected", grainState.ETag ?? "");
        if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
        {
            throw await InconsistentAsync(connection, stateName, grainId, grainState.ETag, "write").ConfigureAwait(false);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        var sql = grainState.ETag is null
            ? "SELECT count(*) FROM faas_grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state"
            : "DELETE FROM faas_grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state AND etag = @expected";
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("expected", grainState.ETag ?? "");
        var consistent = grainState.ETag is null
            ? Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture) == 0
            : await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
        if (!consistent)
        {
            throw await InconsistentAsync(connection, stateName, grainId, grainState.ETag, "clear").ConfigureAwait(false);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    private async Task<InconsistentStateException> InconsistentAsync(NpgsqlConnection connection, string stateName, GrainId grainId, string? expected, string operation)
    {
        await using var command = Command(connection, "SELECT etag FROM faas_grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state", stateName, grainId);
        var stored = await command.ExecuteScalarAsync().ConfigureAwait(false) as string;
        return new InconsistentStateException(
            $"{_name} storage: cannot {operation} the state of {grainId}: it changed since it was read (stored ETag {stored ?? "none"}, presented {expected ?? "none"})",
            stored,
            expected);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("type", grainId.Type.ToString()!);
        command.Parameters.AddWithValue("key", grainId.Key.ToString()!);
        command.Parameters.AddWithValue("state", stateName);
        return command;
    }

    private T Create<T>() => _activators.GetActivator<T>().Create();

    private static string NewETag() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
