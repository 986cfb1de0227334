using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class ScalingTests
{
    [Fact]
    public async Task Instances_idle_longer_than_keep_alive_are_stopped_and_the_next_call_restores()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of() with { KeepAlive = TimeSpan.FromMilliseconds(500) }, DeployMode.Create);
        var first = await function.LeaseAsync();
        await function.ReleaseAsync(first.LeaseId!, LeaseOutcome.Completed);

        await Eventually.TrueAsync(async () => (await function.DescribeAsync())!.Instances.Count == 0, "the idle instance reaped");
        var next = await function.LeaseAsync();

        Assert.Contains($"stop {first.InstanceId}", cluster.Manager(first.WorkerId!).Events);
        Assert.DoesNotContain(cluster.Manager(first.WorkerId!).ListInstances(), instance => instance.Id == first.InstanceId);
        Assert.NotEqual(first.InstanceId, next.InstanceId);
        Assert.Equal("restore", Assert.Single((await function.DescribeAsync())!.Instances).Start);
    }

    [Fact]
    public async Task A_busy_instance_is_not_reaped()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of() with { KeepAlive = TimeSpan.FromMilliseconds(200) }, DeployMode.Create);
        var held = await function.LeaseAsync();

        await Task.Delay(1000, TestContext.Current.CancellationToken);

        Assert.Equal([held.InstanceId], (await function.DescribeAsync())!.Instances.Select(instance => instance.Id));
    }

    [Fact]
    public async Task Min_instances_are_started_kept_through_keep_alive_and_replaced_when_they_die()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("warm");
        await function.DeployAsync(Specs.Of() with { MinInstances = 2, KeepAlive = TimeSpan.FromMilliseconds(100) }, DeployMode.Create);

        await Eventually.TrueAsync(async () => (await function.DescribeAsync())!.Instances.Count == 2, "two instances started");
        await Task.Delay(800, TestContext.Current.CancellationToken);
        var kept = (await function.DescribeAsync())!.Instances;
        var victim = kept[0];
        cluster.Manager(victim.WorkerId).Kill(victim.Id);
        await Eventually.TrueAsync(
            async () => (await function.DescribeAsync())!.Instances is { Count: 2 } now && now.All(instance => instance.Id != victim.Id),
            "the dead instance replaced");

        Assert.Equal(2, kept.Count);
        Assert.All(kept, instance => Assert.Equal("idle", instance.State));
        var lease = await function.LeaseAsync();
        Assert.Contains(lease.InstanceId, (await function.DescribeAsync())!.Instances.Select(instance => instance.Id));
    }

    [Fact]
    public async Task A_failed_call_keeps_an_instance_that_still_runs_and_drops_one_that_died()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var survivor = await function.LeaseAsync();
        var casualty = await function.LeaseAsync();

        await function.ReleaseAsync(survivor.LeaseId!, LeaseOutcome.InstanceFailed);
        cluster.Manager(casualty.WorkerId!).Kill(casualty.InstanceId!);
        await function.ReleaseAsync(casualty.LeaseId!, LeaseOutcome.InstanceFailed);

        var instance = Assert.Single((await function.DescribeAsync())!.Instances);
        Assert.Equal((survivor.InstanceId, "idle"), (instance.Id, instance.State));
    }
}
