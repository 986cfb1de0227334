namespace Faas.Gateway.Tests.Platform;

/// <summary>The integration tests share one booted platform and run one after the other (a TCG boot costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformGroup : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
