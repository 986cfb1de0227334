namespace Faas.Scheduler.Tests.Postgres;

/// <summary>The tests that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
