using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class RedeployTests
{
    [Fact]
    public async Task New_calls_go_to_the_new_version_while_a_call_on_the_old_one_completes_then_the_old_one_stops_and_is_removed()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var idleV1 = await function.LeaseAsync();
        var inFlightV1 = await function.LeaseAsync();
        await function.ReleaseAsync(idleV1.LeaseId!, LeaseOutcome.Completed);

        var updated = await function.DeployAsync(Specs.Of("127.0.0.1:5000/samples/hello:2"), DeployMode.Update);
        var v2 = await function.LeaseAsync();
        var during = (await function.DescribeAsync())!.Instances;
        await function.ReleaseAsync(inFlightV1.LeaseId!, LeaseOutcome.Completed);

        Assert.Equal((DeployStatus.Updated, 2), (updated.Status, updated.Function!.Version));
        Assert.Equal((2, "hello--2"), (v2.Version, v2.WorkerFunction));
        Assert.Equal([(inFlightV1.InstanceId!, 1, "draining"), (v2.InstanceId!, 2, "busy")], during.Select(instance => (instance.Id, instance.Version, instance.State)));
        Assert.Contains($"stop {idleV1.InstanceId}", cluster.Manager(idleV1.WorkerId!).Events);
        await Eventually.TrueAsync(
            () => Task.FromResult(cluster.Workers.Any(worker => worker.Recording.Events.Contains("remove acme/hello--1"))),
            "version 1 removed from its worker");
        Assert.Contains($"stop {inFlightV1.InstanceId}", cluster.Manager(inFlightV1.WorkerId!).Events);
        Assert.Equal([v2.InstanceId], (await function.DescribeAsync())!.Instances.Select(instance => instance.Id));
        Assert.All(cluster.Workers, worker => Assert.DoesNotContain(worker.Recording.ListInstances(), instance => instance.Function.Name == "hello--1"));
    }

    [Fact]
    public async Task A_version_with_the_same_snapshot_restores_on_every_worker_that_holds_it()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 128), TestWorker.Create("w2", memoryCapacityMiB: 128) };
        await using var cluster = await SchedulerCluster.StartAsync(workers);
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var first = await function.LeaseAsync();
        var second = await function.LeaseAsync();
        await function.ReleaseAsync(first.LeaseId!, LeaseOutcome.Completed);
        await function.ReleaseAsync(second.LeaseId!, LeaseOutcome.Completed);

        var updated = await function.DeployAsync(Specs.Of() with { MaxInstances = 5 }, DeployMode.Update);
        // Version 1's instances stop as the update drains them; both workers have room again once they say so.
        var registry = cluster.Client.GetGrain<Faas.Scheduler.Workers.IWorkerRegistryGrain>(Faas.Scheduler.Workers.IWorkerRegistryGrain.Key);
        await Eventually.TrueAsync(
            async () => (await registry.ListAsync()) is { Count: 2 } alive && alive.All(worker => worker.MemoryUsedMiB == 0),
            "both workers report their memory free");
        var a = await function.LeaseAsync();
        var b = await function.LeaseAsync();

        Assert.Empty(updated.Function!.Instances);
        Assert.Equal(["w1", "w2"], new[] { a.WorkerId, b.WorkerId }.Order());
        Assert.All(cluster.Workers, worker => Assert.Single(worker.Recording.Events, e => e.StartsWith("start acme/hello--2 Restore", StringComparison.Ordinal)));
        Assert.All((await function.DescribeAsync())!.Instances, instance => Assert.Equal("restore", instance.Start));
    }
}
