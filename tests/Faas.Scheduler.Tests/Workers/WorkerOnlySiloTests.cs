using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Workers;

public sealed class WorkerOnlySiloTests
{
    [Fact]
    public async Task A_silo_that_only_runs_a_worker_hosts_no_scheduler_grain_but_takes_instances()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 128), TestWorker.Create("w2", memoryCapacityMiB: 128), TestWorker.Create("w3", hostsScheduler: false) };
        await using var cluster = await SchedulerCluster.StartAsync(workers);
        var workerOnly = cluster.Cluster.GetActiveSilos().Single(silo =>
            cluster.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetService(typeof(Faas.Worker.Instances.IInstanceManager)) == cluster.Manager("w3"));

        // Deployed, so that they stay active to be looked at (a grain of a name that is no function deactivates at once).
        var names = Enumerable.Range(1, 20).Select(i => $"f{i}").ToList();
        foreach (var name in names)
        {
            Assert.Equal(DeployStatus.Created, (await cluster.Function(name).DeployAsync(Specs.Of(), DeployMode.Create)).Status);
        }

        var function = cluster.Function("f1");
        var leases = new[] { await function.LeaseAsync(), await function.LeaseAsync(), await function.LeaseAsync() };

        Assert.All(names, name =>
        {
            Assert.True(cluster.Cluster.TryGetGrainContext(cluster.Function(name).GetGrainId(), out var context));
            Assert.NotEqual(workerOnly.SiloAddress, context.Address.SiloAddress);
        });
        Assert.Equal(["w1", "w2", "w3"], leases.Select(lease => lease.WorkerId).Order());
    }
}
