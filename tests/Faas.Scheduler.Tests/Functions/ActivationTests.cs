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
}
