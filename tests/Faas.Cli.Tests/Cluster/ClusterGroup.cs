namespace Faas.Cli.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
