using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;
using Orleans.Configuration;

namespace Faas.Scheduler.Tests.Functions;

public sealed class ActivationTests
{
    [Fact]
    public async Task A_function_with_live_instances_stays_active_while_an_idle_one_is_collected()
    {
        await using var cluster = await SchedulerCluster.StartAsync(configureSilo: silo => silo.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionQuantum = TimeSpan.FromMilliseconds(500);
            options.CollectionAge = TimeSpan.FromSeconds(2);
        }));
        var live = cluster.Function("live");
        var idle = cluster.Function("idle");
        await live.DeployAsync(Specs.Of() with { KeepAlive = TimeSpan.FromMinutes(5) }, DeployMode.Create);
        await idle.DeployAsync(Specs.Of(), DeployMode.Create);
        var lease = await live.LeaseAsync();
        await live.ReleaseAsync(lease.LeaseId!, LeaseOutcome.Completed);

        await Eventually.TrueAsync(() => Task.FromResult(!cluster.Cluster.TryGetGrainContext(idle.GetGrainId(), out _)), "the idle function deactivated");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.True(cluster.Cluster.TryGetGrainContext(live.GetGrainId(), out _));
        Assert.Equal([lease.InstanceId], (await live.DescribeAsync())!.Instances.Select(instance => instance.Id));
        Assert.Single(cluster.Manager(lease.WorkerId!).ListInstances());
    }

    [Fact]
    public async Task Calls_to_names_that_are_no_function_leave_no_activations_behind()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var ghosts = Enumerable.Range(0, 30).Select(i => cluster.Function($"ghost-{i}")).ToList();
        var removed = cluster.Function("removed");
        await removed.DeployAsync(Specs.Of(), DeployMode.Create);

        var answers = await Task.WhenAll(ghosts.Select(ghost => ghost.LeaseAsync()));
        Assert.True(await removed.RemoveAsync());

        Assert.All(answers, answer => Assert.Equal(LeaseStatus.NotFound, answer.Status));
        await Eventually.TrueAsync(
            () => Task.FromResult(ghosts.Append(removed).All(function => !cluster.Cluster.TryGetGrainContext(function.GetGrainId(), out _))),
            "every function grain of a name that is no function deactivated",
            TimeSpan.FromSeconds(10));
        Assert.Equal(LeaseStatus.NotFound, (await ghosts[0].LeaseAsync()).Status);
    }
}
