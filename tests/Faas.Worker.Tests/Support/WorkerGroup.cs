namespace Faas.Worker.Tests.Support;

/// <summary>The tests that run functions on the shared worker; they run one class at a time (the host has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class WorkerGroup : ICollectionFixture<WorkerFixture>
{
    public const string Name = "worker";
}
