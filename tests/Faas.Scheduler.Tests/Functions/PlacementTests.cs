using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class PlacementTests
{
    [Fact]
    public async Task Without_a_snapshot_new_instances_boot_on_workers_with_room()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 1024), TestWorker.Create("w2", memoryCapacityMiB: 4096) };
        await using var cluster = await SchedulerCluster.StartAsync(workers);
        var function = cluster.Function("plain");

        var deployed = await function.DeployAsync(Specs.Of("127.0.0.1:5000/nosnapshot:1", memoryMiB: 1024), DeployMode.Create);
        var first = await function.LeaseAsync();
        var second = await function.LeaseAsync();

        Assert.Equal("disabled", deployed.Function!.SnapshotState);
        Assert.Equal(("w1", "w2"), (first.WorkerId, second.WorkerId));
        Assert.All((await function.DescribeAsync())!.Instances, instance => Assert.Equal("boot", instance.Start));
        Assert.Equal(["deploy acme/plain--1 127.0.0.1:5000/nosnapshot:1", "start acme/plain--1 Boot"], cluster.Manager("w1").Events);
        Assert.Equal(["deploy acme/plain--1 127.0.0.1:5000/nosnapshot:1", "start acme/plain--1 Boot"], cluster.Manager("w2").Events);
    }

    [Fact]
    public async Task When_the_snapshot_holder_is_full_the_next_instance_goes_to_a_worker_with_room_which_gets_the_function_first()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 256), TestWorker.Create("w2", memoryCapacityMiB: 256) };
        await using var cluster = await SchedulerCluster.StartAsync(workers);
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(memoryMiB: 256), DeployMode.Create);
        var holder = cluster.Workers.Single(worker => worker.Recording.Events.Any(e => e.StartsWith("deploy ", StringComparison.Ordinal)));
        var other = cluster.Workers.Single(worker => worker != holder);

        var first = await function.LeaseAsync();
        var second = await function.LeaseAsync();
        var third = await function.LeaseAsync();

        Assert.Equal(holder.Id, first.WorkerId);
        Assert.Equal(other.Id, second.WorkerId);
        Assert.Equal(["deploy acme/hello--1 127.0.0.1:5000/samples/hello:1", "start acme/hello--1 Restore"], other.Recording.Events);
        var snapshotKey = holder.Recording.GetSnapshotStatus(new Faas.Worker.Functions.FunctionKey("acme", "hello--1"))!.Key!;
        var peer = Assert.Single(other.Recording.Peers);
        Assert.Equal((new Uri(holder.Url), snapshotKey, $"sha256:{holder.Id}:{snapshotKey}"), (peer.Worker, peer.Key, peer.Digest));
        Assert.Empty(holder.Recording.Peers);
        Assert.Equal(LeaseStatus.NoWorker, third.Status);
        Assert.Contains("256 MiB", third.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_finds_every_worker_full_waits_for_room_instead_of_failing_at_once()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 256), TestWorker.Create("w2", memoryCapacityMiB: 256) };
        await using var cluster = await SchedulerCluster.StartAsync(workers, configure: options => options.QueueWait = TimeSpan.FromSeconds(8));
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(memoryMiB: 256), DeployMode.Create);
        var first = await function.LeaseAsync();
        var second = await function.LeaseAsync();

        var waiting = function.LeaseAsync();
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        Assert.True(cluster.Manager(first.WorkerId!).Kill(first.InstanceId!));
        await function.ReleaseAsync(first.LeaseId!, LeaseOutcome.InstanceGone);
        var third = await waiting;

        Assert.Equal(LeaseStatus.Leased, third.Status);
        Assert.Equal(first.WorkerId, third.WorkerId);
        Assert.NotEqual(first.InstanceId, third.InstanceId);
        Assert.Equal(LeaseStatus.Leased, second.Status);
    }

    [Fact]
    public async Task A_function_bigger_than_every_worker_is_not_deployed()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 512), TestWorker.Create("w2", memoryCapacityMiB: 512) };
        await using var cluster = await SchedulerCluster.StartAsync(workers);

        var deployed = await cluster.Function("huge").DeployAsync(Specs.Of(memoryMiB: 1024), DeployMode.Create);

        Assert.Equal(DeployStatus.NoWorker, deployed.Status);
        Assert.Null(await cluster.Function("huge").DescribeAsync());
    }
}
