using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;
using Faas.Scheduler.Workers;
using Faas.Worker.Functions;
using Faas.Worker.Logs;

namespace Faas.Scheduler.Tests.Workers;

public sealed class WorkerGrainTests
{
    [Fact]
    public async Task A_worker_grain_lands_on_its_own_silo_and_drives_that_silos_instance_manager()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = new WorkerFunction("acme", "hello--1", Specs.Of());

        foreach (var worker in cluster.Workers)
        {
            var grain = cluster.Client.GetGrain<IWorkerGrain>(worker.Id);
            var deployed = await grain.DeployAsync(function);
            var started = await grain.StartInstanceAsync(function, restore: true);

            Assert.Equal(DeployStatus.Created, deployed.Status);
            Assert.StartsWith($"i-{worker.Id}-", started.InstanceId, StringComparison.Ordinal);
            Assert.Equal("restore", started.Start);
            Assert.Equal([started.InstanceId], (await grain.ListInstancesAsync("acme", "hello--1")).Select(instance => instance.Id));
        }

        Assert.All(cluster.Workers, worker => Assert.Single(worker.Recording.ListInstances()));
        var silos = cluster.Cluster.GetActiveSilos().ToList();
        foreach (var worker in cluster.Workers)
        {
            var grainId = cluster.Client.GetGrain<IWorkerGrain>(worker.Id).GetGrainId();
            var host = Assert.Single(silos, silo => cluster.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetService(typeof(Faas.Worker.Instances.IInstanceManager)) == worker.Manager);
            Assert.True(cluster.Cluster.TryGetGrainContext(grainId, out var context));
            Assert.Equal(host.SiloAddress, context.Address.SiloAddress);
        }
    }

    [Fact]
    public async Task A_worker_grain_turns_failures_into_values_and_deploys_before_starting_when_the_worker_lacks_the_function()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var grain = cluster.Client.GetGrain<IWorkerGrain>("w1");

        var missing = await grain.DeployAsync(new WorkerFunction("acme", "gone--1", Specs.Of("127.0.0.1:5000/missing:1")));
        var crashing = await grain.DeployAsync(new WorkerFunction("acme", "crash--1", Specs.Of("127.0.0.1:5000/crash:1")));
        var invalid = await grain.DeployAsync(new WorkerFunction("acme", "tiny--1", Specs.Of(memoryMiB: 1)));
        var started = await grain.StartInstanceAsync(new WorkerFunction("acme", "fresh--1", Specs.Of()), restore: true);
        var notStarting = await grain.StartInstanceAsync(new WorkerFunction("acme", "startfail--1", Specs.Of("127.0.0.1:5000/startfail:1")), restore: true);

        Assert.Equal(DeployStatus.ImageFailed, missing.Status);
        Assert.Contains("was not found", missing.Error, StringComparison.Ordinal);
        Assert.Equal(DeployStatus.StartFailed, crashing.Status);
        Assert.Equal("Traceback: boom", crashing.OutputTail);
        Assert.Equal(DeployStatus.StartFailed, invalid.Status);
        Assert.Contains("memory must be", invalid.Error, StringComparison.Ordinal);
        Assert.True(started.Started);
        Assert.Equal("restore", started.Start);
        Assert.Equal(["deploy acme/fresh--1 127.0.0.1:5000/samples/hello:1", "start acme/fresh--1 Restore"], cluster.Manager("w1").Events.Where(e => e.Contains("fresh", StringComparison.Ordinal)));
        Assert.False(notStarting.Started);
        Assert.Equal("listening on the wrong port", notStarting.OutputTail);
    }

    [Fact]
    public async Task A_worker_grain_pages_logs_by_sequence()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var grain = cluster.Client.GetGrain<IWorkerGrain>("w2");
        var key = new FunctionKey("acme", "hello--1");
        cluster.Manager("w2").Log(key, "i-1", LogSource.Stdout, "one");
        cluster.Manager("w2").Log(key, "i-1", LogSource.Stderr, "two");

        var first = await grain.GetLogsAsync("acme", "hello--1", 0, null);
        cluster.Manager("w2").Log(key, "i-1", LogSource.Stdout, "three");
        var next = await grain.GetLogsAsync("acme", "hello--1", first.LastSequence, null);
        var none = await grain.GetLogsAsync("acme", "hello--1", 3, null);

        Assert.Equal([("one", "stdout"), ("two", "stderr")], first.Lines.Select(line => (line.Text, line.Stream)));
        Assert.Equal(2, first.LastSequence);
        Assert.Equal(["three"], next.Lines.Select(line => line.Text));
        Assert.Empty(none.Lines);
        Assert.Equal(3, none.LastSequence);
    }
}
