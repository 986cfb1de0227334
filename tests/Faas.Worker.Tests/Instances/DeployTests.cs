using Faas.Tests.Shared;
using System.Net;
using Faas.Worker.Functions;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>Deploying again: the same definition is a no-op, a changed one replaces the function and its instances.</summary>
[Collection(WorkerGroup.Name)]
public sealed class DeployTests(WorkerFixture worker)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploying_the_same_definition_again_returns_the_deployed_function()
    {
        var definition = Definition("same", "one");
        var first = await worker.Manager.DeployAsync(definition, cancellationToken: Token);
        var second = await worker.Manager.DeployAsync(definition with { Overrides = definition.Overrides with { } }, cancellationToken: Token);

        Assert.Equal(first.DeployedAt, second.DeployedAt);
        Assert.Equal(first.Snapshot, second.Snapshot);
    }

    [Fact]
    public async Task A_changed_definition_replaces_the_function_and_retires_its_instances()
    {
        await worker.Manager.DeployAsync(Definition("replaced", "one"), cancellationToken: Token);
        using var before = await worker.Client.GetAsync(WorkerFixture.PathOf("replaced", "/env/GREETING"), Token);
        var oldInstance = Responses.Instance(before);

        var redeployed = await worker.Manager.DeployAsync(Definition("replaced", "two"), cancellationToken: Token);
        using var after = await worker.Client.GetAsync(WorkerFixture.PathOf("replaced", "/env/GREETING"), Token);

        Assert.Equal("one", await before.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("two", await after.Content.ReadAsStringAsync(Token));
        Assert.Equal("restore", Responses.Start(after));
        Assert.DoesNotContain(worker.Manager.ListInstances(), instance => instance.Id == oldInstance);
        Assert.Equal("two", redeployed.Definition.Overrides.Environment!["GREETING"]);
    }

    private static FunctionDefinition Definition(string name, string greeting) => WorkerFixture.Sample(name, SampleImages.Busybox) with
    {
        Overrides = new FunctionOverrides(Environment: new Dictionary<string, string> { ["GREETING"] = greeting }),
    };
}
