using Faas.Scheduler.Postgres;
using Npgsql;

namespace Faas.Scheduler.Tests.Postgres;

[Collection(PostgresGroup.Name)]
public sealed class PostgresSchemaTests(PostgresServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_first_starts_create_the_tables_once()
    {
        var database = await server.CreateDatabaseAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresSchema.EnsureAsync(database, Token), Token)));

        Assert.Single(created, ran => ran);
        Assert.False(await PostgresSchema.EnsureAsync(database, Token));
        Assert.Equal(PostgresSchema.Version, await PostgresSchema.AppliedVersionAsync(database, Token));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename IN ('faas_schema', 'faas_membership_version', 'faas_membership', 'faas_grain_state')", connection);
        Assert.Equal(4L, await tables.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task A_database_without_the_schema_reports_version_zero()
    {
        var database = await server.CreateDatabaseAsync();

        Assert.Equal(0, await PostgresSchema.AppliedVersionAsync(database, Token));
    }
}
