using Faas.Scheduler.Functions;
using Faas.Scheduler.Tenants;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class RestartTests
{
    [Fact]
    public async Task Functions_and_tenants_survive_a_restart_on_the_same_data_directory()
    {
        using var data = new TemporaryDirectory();
        TenantCredential credential;
        FunctionDescription before;
        await using (var cluster = await SchedulerCluster.StartAsync(dataDirectory: data.Path))
        {
            credential = (await cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).EnsureFirstTenantAsync("acme"))!;
            var function = cluster.Function("hello");
            await function.DeployAsync(Specs.Of() with { EnvVars = new Dictionary<string, string> { ["GREETING"] = "hi" } }, DeployMode.Create);
            await function.DeployAsync(Specs.Of() with { EnvVars = new Dictionary<string, string> { ["GREETING"] = "hello" } }, DeployMode.Update);
            for (var i = 0; i < 3; i++)
            {
                var lease = await function.LeaseAsync();
                await function.ReleaseAsync(lease.LeaseId!, LeaseOutcome.Completed);
            }

            before = (await function.DescribeAsync())!;
        }

        await using var restarted = await SchedulerCluster.StartAsync(dataDirectory: data.Path);
        var after = await restarted.Function("hello").DescribeAsync();
        var directory = restarted.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);
        var lease2 = await restarted.Function("hello").LeaseAsync();

        Assert.NotNull(after);
        Assert.Equal((2, before.ImageDigest, "ready", 3L), (after.Version, after.ImageDigest, after.SnapshotState, after.Invocations));
        Assert.Equal("hello", after.Spec.EnvVars["GREETING"]);
        Assert.True(FunctionSpecs.AreEqual(before.Spec, after.Spec));
        Assert.Equal(before.DeployedAt, after.DeployedAt);
        Assert.Empty(after.Instances);
        Assert.Equal(new TenantIdentity("acme", true), await directory.AuthenticateAsync(ApiKeys.Hash(credential.ApiKey)));
        Assert.Null(await directory.EnsureFirstTenantAsync("acme"));
        Assert.Equal(["hello"], await restarted.Client.GetGrain<ITenantGrain>("acme").ListFunctionsAsync());
        Assert.Equal((LeaseStatus.Leased, 2), (lease2.Status, lease2.Version));
        var worker = restarted.Manager(lease2.WorkerId!);
        Assert.Equal(["deploy acme/hello--2 127.0.0.1:5000/samples/hello:1", "start acme/hello--2 Restore"], worker.Events);
    }

    [Fact]
    public async Task After_a_scheduler_restart_the_instances_the_workers_still_run_are_adopted()
    {
        var workers = new[] { TestWorker.Create("w1"), TestWorker.Create("w2") };
        using var data = new TemporaryDirectory();
        FunctionLease held;
        await using (var cluster = await SchedulerCluster.StartAsync(workers, data.Path))
        {
            var function = cluster.Function("hello");
            await function.DeployAsync(Specs.Of() with { KeepAlive = TimeSpan.FromSeconds(2) }, DeployMode.Create);
            held = await function.LeaseAsync();
            await function.ReleaseAsync(held.LeaseId!, LeaseOutcome.Completed);
        }

        Assert.Single(workers.SelectMany(worker => worker.Recording.ListInstances()));
        await using var restarted = await SchedulerCluster.StartAsync(workers, data.Path);
        var adopted = await restarted.Function("hello").DescribeAsync();
        var warm = await restarted.Function("hello").LeaseAsync();
        await restarted.Function("hello").ReleaseAsync(warm.LeaseId!, LeaseOutcome.Completed);

        var instance = Assert.Single(adopted!.Instances);
        Assert.Equal((held.InstanceId, held.WorkerId, "idle"), (instance.Id, instance.WorkerId, instance.State));
        Assert.Equal(held.InstanceId, warm.InstanceId);
        await Eventually.TrueAsync(() => Task.FromResult(workers.All(worker => worker.Recording.ListInstances().Count == 0)), "the adopted instance reaped after its keepAlive");
    }
}
