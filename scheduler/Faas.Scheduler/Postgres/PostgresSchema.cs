using System.Globalization;
using Npgsql;

namespace Faas.Scheduler.Postgres;

/// <summary>
/// The tables faas keeps in PostgreSQL (cluster membership and grain state), created once per database: under an advisory lock
/// (so concurrent first starts wait for each other) and recorded in a schema-version table.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Bumped whenever the tables change; a database at an older version gets them created again.</summary>
    public const int Version = 2;

    /// <summary>Key of the advisory lock every faas host takes while it checks and applies the schema ("faasschm").</summary>
    public const long AdvisoryLockKey = 0x6661_6173_7363_686D;

    /// <summary>The statements that create the tables; each is idempotent.</summary>
    public static IReadOnlyList<string> Statements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS faas_membership_version (
            cluster_id text PRIMARY KEY,
            version integer NOT NULL,
            etag text NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS faas_membership (
            cluster_id text NOT NULL REFERENCES faas_membership_version (cluster_id) ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            status integer NOT NULL,
            silo_name text,
            host_name text,
            role_name text,
            proxy_port integer NOT NULL,
            update_zone integer NOT NULL,
            fault_zone integer NOT NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            suspect_times jsonb NOT NULL,
            etag text NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation))
        """,
        """
        CREATE TABLE IF NOT EXISTS faas_grain_state (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            state_name text NOT NULL,
            etag text NOT NULL,
            data jsonb NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name))
        """,
    ];

    /// <summary>Creates the tables unless this database has them at <see cref="Version"/>; true when this call created them.</summary>
    public static async Task<bool> EnsureAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS faas_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken).ConfigureAwait(false);
        if (await AppliedVersionAsync(connection, cancellationToken).ConfigureAwait(false) >= Version)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        foreach (var statement in Statements)
        {
            await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, $"INSERT INTO faas_schema (version) VALUES ({Version})", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The schema version recorded in the database; 0 when none is.</summary>
    public static async Task<int> AppliedVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('faas_schema') IS NOT NULL", connection);
        return await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true
            ? await AppliedVersionAsync(connection, cancellationToken).ConfigureAwait(false)
            : 0;
    }

    private static async Task<int> AppliedVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM faas_schema", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
