using Faas.Scheduler.Functions;
using Faas.Scheduler.Tenants;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class DeployTests
{
    [Fact]
    public async Task Create_update_and_upsert_follow_their_modes_and_an_equal_spec_is_unchanged()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        FunctionSpec Spec(string greeting) => Specs.Of() with
        {
            Command = ["python3", "/app/main.py"],
            EnvVars = new Dictionary<string, string> { ["GREETING"] = greeting, ["LANG"] = "C" },
        };

        var updateMissing = await function.DeployAsync(Spec("hi"), DeployMode.Update);
        var created = await function.DeployAsync(Spec("hi"), DeployMode.Create);
        var createdAgain = await function.DeployAsync(Spec("hi"), DeployMode.Create);
        var conflict = await function.DeployAsync(Spec("hello"), DeployMode.Create);
        var updated = await function.DeployAsync(Spec("hello"), DeployMode.Update);
        var upsertSame = await function.DeployAsync(Spec("hello"), DeployMode.Upsert);
        var upserted = await function.DeployAsync(Spec("bonjour"), DeployMode.Upsert);
        var upsertNew = await cluster.Function("other").DeployAsync(Spec("hi"), DeployMode.Upsert);

        Assert.Equal(DeployStatus.NotFound, updateMissing.Status);
        Assert.Equal((DeployStatus.Created, 1), (created.Status, created.Function!.Version));
        Assert.Equal((DeployStatus.Unchanged, 1), (createdAgain.Status, createdAgain.Function!.Version));
        Assert.Equal((DeployStatus.Conflict, 1), (conflict.Status, conflict.Function!.Version));
        Assert.Equal((DeployStatus.Updated, 2), (updated.Status, updated.Function!.Version));
        Assert.Equal((DeployStatus.Unchanged, 2), (upsertSame.Status, upsertSame.Function!.Version));
        Assert.Equal((DeployStatus.Updated, 3), (upserted.Status, upserted.Function!.Version));
        Assert.Equal(DeployStatus.Created, upsertNew.Status);
        Assert.Equal("bonjour", upserted.Function.Spec.EnvVars["GREETING"]);
        Assert.StartsWith("sha256:", upserted.Function.ImageDigest, StringComparison.Ordinal);
        Assert.Equal(["hello", "other"], await cluster.Client.GetGrain<ITenantGrain>("acme").ListFunctionsAsync());
        var deploys = cluster.Workers.SelectMany(worker => worker.Recording.Events).Where(e => e.StartsWith("deploy ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, deploys.Count);
    }

    [Fact]
    public async Task Deploy_failures_are_values_and_a_failed_update_leaves_the_current_version_serving()
    {
        await using var cluster = await SchedulerCluster.StartAsync();

        var missing = await cluster.Function("missing").DeployAsync(Specs.Of("127.0.0.1:5000/missing:1"), DeployMode.Create);
        var crashing = await cluster.Function("crashing").DeployAsync(Specs.Of("127.0.0.1:5000/crash:1"), DeployMode.Create);
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var failedUpdate = await function.DeployAsync(Specs.Of("127.0.0.1:5000/crash:2"), DeployMode.Update);
        var lease = await function.LeaseAsync();

        Assert.Equal(DeployStatus.ImageFailed, missing.Status);
        Assert.False(missing.Succeeded);
        Assert.Contains("was not found", missing.Error, StringComparison.Ordinal);
        Assert.Null(await cluster.Function("missing").DescribeAsync());
        Assert.Equal(DeployStatus.StartFailed, crashing.Status);
        Assert.Equal("Traceback: boom", crashing.OutputTail);
        Assert.Equal(DeployStatus.StartFailed, failedUpdate.Status);
        Assert.Equal(1, failedUpdate.Function!.Version);
        Assert.Equal((LeaseStatus.Leased, 1), (lease.Status, lease.Version));
        Assert.Equal(["hello"], await cluster.Client.GetGrain<ITenantGrain>("acme").ListFunctionsAsync());
        Assert.Equal((LeaseStatus.NotFound, LeaseStatus.NotFound), ((await cluster.Function("missing").LeaseAsync()).Status, (await cluster.Function("crashing").LeaseAsync()).Status));
    }

    [Fact]
    public async Task A_new_instance_that_fails_to_start_is_a_start_failure_with_its_output_and_the_next_call_tries_again()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("broken");
        await function.DeployAsync(Specs.Of("127.0.0.1:5000/startfail:1"), DeployMode.Create);

        var first = await function.LeaseAsync();
        var second = await function.LeaseAsync();

        Assert.Equal(LeaseStatus.StartFailed, first.Status);
        Assert.Equal("listening on the wrong port", first.OutputTail);
        Assert.Equal(LeaseStatus.StartFailed, second.Status);
        Assert.Equal(2, cluster.Workers.Sum(worker => worker.Recording.Events.Count(e => e.StartsWith("start ", StringComparison.Ordinal))));
        Assert.Empty((await function.DescribeAsync())!.Instances);
    }

    [Fact]
    public async Task Deploy_progress_is_visible_while_the_worker_deploys()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("slow");

        var deploying = function.DeployAsync(Specs.Of("127.0.0.1:5000/slow:1"), DeployMode.Create);
        DeployProgress? seen = null;
        await Eventually.TrueAsync(async () => (seen = await function.GetDeployProgressAsync()) is { Phase: DeployPhase.Pulling }, "the deploy reported pulling");
        foreach (var worker in cluster.Workers)
        {
            worker.Recording.ReleaseDeploys();
        }

        var deployed = await deploying;

        Assert.Equal(new DeployProgress(DeployPhase.Pulling, "Copying blob sha256:0001", 1, 3, 1), seen);
        Assert.Equal(DeployStatus.Created, deployed.Status);
        Assert.Null(await function.GetDeployProgressAsync());
    }

    [Fact]
    public async Task Remove_stops_the_instances_and_forgets_the_function()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var lease = await function.LeaseAsync();

        var removed = await function.RemoveAsync();
        var removedAgain = await function.RemoveAsync();

        Assert.True(removed);
        Assert.False(removedAgain);
        Assert.Null(await function.DescribeAsync());
        Assert.Equal(LeaseStatus.NotFound, (await function.LeaseAsync()).Status);
        Assert.Empty(await cluster.Client.GetGrain<ITenantGrain>("acme").ListFunctionsAsync());
        Assert.Contains($"stop {lease.InstanceId}", cluster.Manager(lease.WorkerId!).Events);
        Assert.Contains("remove acme/hello--1", cluster.Manager(lease.WorkerId!).Events);
        Assert.All(cluster.Workers, worker => Assert.Empty(worker.Recording.ListInstances()));
        await function.ReleaseAsync(lease.LeaseId!, LeaseOutcome.Completed);
        var recreated = await function.DeployAsync(Specs.Of(), DeployMode.Create);
        Assert.Equal((DeployStatus.Created, 1, 0L), (recreated.Status, recreated.Function!.Version, recreated.Function.Invocations));
    }
}
