using System.Diagnostics;
using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class QueueTests
{
    [Fact]
    public async Task At_max_instances_a_call_waits_then_gets_at_capacity()
    {
        await using var cluster = await SchedulerCluster.StartAsync(configure: options => options.QueueWait = TimeSpan.FromSeconds(1));
        var function = cluster.Function("capped");
        await function.DeployAsync(Specs.Of() with { MaxInstances = 1 }, DeployMode.Create);
        var held = await function.LeaseAsync();

        var waited = Stopwatch.StartNew();
        var refused = await function.LeaseAsync();
        waited.Stop();

        Assert.Equal(LeaseStatus.Leased, held.Status);
        Assert.Equal(LeaseStatus.AtCapacity, refused.Status);
        Assert.InRange(waited.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
        Assert.Contains("1 instances busy", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_call_gets_the_instance_released_before_its_wait_ends()
    {
        await using var cluster = await SchedulerCluster.StartAsync(configure: options => options.QueueWait = TimeSpan.FromSeconds(5));
        var function = cluster.Function("capped");
        await function.DeployAsync(Specs.Of() with { MaxInstances = 1 }, DeployMode.Create);
        var held = await function.LeaseAsync();

        var waited = Stopwatch.StartNew();
        var queued = function.LeaseAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(queued.IsCompleted);
        await function.ReleaseAsync(held.LeaseId!, LeaseOutcome.Completed);
        var handed = await queued;

        Assert.Equal(LeaseStatus.Leased, handed.Status);
        Assert.Equal(held.InstanceId, handed.InstanceId);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(4), $"waited {waited.Elapsed}");
        Assert.Equal(1, cluster.Workers.Sum(worker => worker.Recording.Events.Count(e => e.StartsWith("start ", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Queued_calls_are_served_in_order_and_a_full_queue_refuses_at_once()
    {
        await using var cluster = await SchedulerCluster.StartAsync(configure: options =>
        {
            options.QueueWait = TimeSpan.FromSeconds(10);
            options.QueueLength = 2;
        });
        var function = cluster.Function("capped");
        await function.DeployAsync(Specs.Of() with { MaxInstances = 1 }, DeployMode.Create);
        var held = await function.LeaseAsync();
        var firstQueued = function.LeaseAsync();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var secondQueued = function.LeaseAsync();
        await Task.Delay(200, TestContext.Current.CancellationToken);

        var waited = Stopwatch.StartNew();
        var refused = await function.LeaseAsync();
        waited.Stop();
        await function.ReleaseAsync(held.LeaseId!, LeaseOutcome.Completed);
        var first = await firstQueued;
        Assert.False(secondQueued.IsCompleted);
        await function.ReleaseAsync(first.LeaseId!, LeaseOutcome.Completed);
        var second = await secondQueued;

        Assert.Equal(LeaseStatus.AtCapacity, refused.Status);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2), $"waited {waited.Elapsed}");
        Assert.Equal((LeaseStatus.Leased, held.InstanceId), (first.Status, first.InstanceId));
        Assert.Equal((LeaseStatus.Leased, held.InstanceId), (second.Status, second.InstanceId));
    }

    [Fact]
    public async Task A_gone_instance_frees_its_place_for_a_queued_call_which_starts_a_new_one()
    {
        await using var cluster = await SchedulerCluster.StartAsync(configure: options => options.QueueWait = TimeSpan.FromSeconds(5));
        var function = cluster.Function("capped");
        await function.DeployAsync(Specs.Of() with { MaxInstances = 1 }, DeployMode.Create);
        var held = await function.LeaseAsync();
        var queued = function.LeaseAsync();
        await Task.Delay(200, TestContext.Current.CancellationToken);

        cluster.Manager(held.WorkerId!).Kill(held.InstanceId!);
        await function.ReleaseAsync(held.LeaseId!, LeaseOutcome.InstanceGone);
        var replacement = await queued;

        Assert.Equal(LeaseStatus.Leased, replacement.Status);
        Assert.NotEqual(held.InstanceId, replacement.InstanceId);
        Assert.Equal([replacement.InstanceId], (await function.DescribeAsync())!.Instances.Select(instance => instance.Id));
    }
}
