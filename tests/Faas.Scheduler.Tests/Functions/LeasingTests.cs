using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class LeasingTests
{
    [Fact]
    public async Task The_first_call_after_a_deploy_restores_on_the_worker_that_holds_the_snapshot()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");

        var deployed = await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var lease = await function.LeaseAsync();

        Assert.Equal(DeployStatus.Created, deployed.Status);
        Assert.Equal("ready", deployed.Function!.SnapshotState);
        var holder = cluster.Workers.Single(worker => worker.Recording.Events.Any(e => e.StartsWith("deploy acme/hello--1", StringComparison.Ordinal)));
        Assert.Equal(LeaseStatus.Leased, lease.Status);
        Assert.Equal(holder.Id, lease.WorkerId);
        Assert.Equal(holder.Url, lease.WorkerUrl);
        Assert.Equal("hello--1", lease.WorkerFunction);
        Assert.Equal(1, lease.Version);
        Assert.Contains("start acme/hello--1 Restore", holder.Recording.Events);
        var instance = Assert.Single((await function.DescribeAsync())!.Instances);
        Assert.Equal((lease.InstanceId, "busy", "restore"), (instance.Id, instance.State, instance.Start));
    }

    [Fact]
    public async Task An_idle_instance_is_reused_and_a_busy_one_makes_another()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);

        var first = await function.LeaseAsync();
        var second = await function.LeaseAsync();
        await function.ReleaseAsync(first.LeaseId!, LeaseOutcome.Completed);
        var third = await function.LeaseAsync();

        Assert.NotEqual(first.InstanceId, second.InstanceId);
        Assert.Equal(first.InstanceId, third.InstanceId);
        var starts = cluster.Workers.SelectMany(worker => worker.Recording.Events).Count(e => e.StartsWith("start ", StringComparison.Ordinal));
        Assert.Equal(2, starts);
        var description = await function.DescribeAsync();
        Assert.Equal(3, description!.Invocations);
        Assert.All(description.Instances, instance => Assert.Equal("busy", instance.State));
    }

    [Fact]
    public async Task An_instance_takes_as_many_calls_as_its_max_concurrency()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of() with { MaxConcurrency = 2 }, DeployMode.Create);

        var leases = new[] { await function.LeaseAsync(), await function.LeaseAsync(), await function.LeaseAsync() };

        Assert.Equal(leases[0].InstanceId, leases[1].InstanceId);
        Assert.NotEqual(leases[0].InstanceId, leases[2].InstanceId);
        Assert.Equal([2, 1], (await function.DescribeAsync())!.Instances.Select(instance => instance.ActiveCalls).Order().Reverse());
    }
}
