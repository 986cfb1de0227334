using Faas.Scheduler.Functions;
using Faas.Scheduler.Hosting;
using Faas.Scheduler.Workers;
using Faas.Worker.Instances;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Faas.Scheduler.Tests.Support;

/// <summary>
/// An in-process Orleans cluster whose every silo is both scheduler and worker (as <c>faas up</c> runs, times the number of
/// workers), each worker with its own recording instance manager, state in files under one data directory, and short intervals.
/// </summary>
internal sealed class SchedulerCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private readonly bool _ownsDataDirectory;

    private SchedulerCluster(InProcessTestCluster cluster, IReadOnlyList<TestWorker> workers, string dataDirectory, bool ownsDataDirectory)
    {
        _cluster = cluster;
        _ownsDataDirectory = ownsDataDirectory;
        Workers = workers;
        DataDirectory = dataDirectory;
    }

    public IReadOnlyList<TestWorker> Workers { get; }

    public string DataDirectory { get; }

    public IClusterClient Client => _cluster.Client;

    public InProcessTestCluster Cluster => _cluster;

    public RecordingInstanceManager Manager(string workerId) => Workers.Single(worker => worker.Id == workerId).Recording;

    public IFunctionGrain Function(string name, string tenant = "acme") => Client.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, name));

    /// <summary>
    /// Starts the cluster; with <paramref name="dataDirectory"/> of an earlier cluster it finds that cluster's state (a directory
    /// the cluster made itself is deleted when it is disposed).
    /// </summary>
    public static async Task<SchedulerCluster> StartAsync(
        IReadOnlyList<TestWorker>? workers = null,
        string? dataDirectory = null,
        Action<SchedulerOptions>? configure = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var ownsDataDirectory = dataDirectory is null;
        workers ??= [TestWorker.Create("w1"), TestWorker.Create("w2")];
        dataDirectory ??= Directory.CreateTempSubdirectory("faas-scheduler-tests-").FullName;
        var bySilo = new Dictionary<string, TestWorker>(StringComparer.Ordinal);
        TestWorker WorkerOf(string silo)
        {
            lock (bySilo)
            {
                if (!bySilo.TryGetValue(silo, out var worker))
                {
                    bySilo[silo] = worker = workers[bySilo.Count];
                }

                return worker;
            }
        }

        var builder = new InProcessTestClusterBuilder((short)workers.Count);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.AssumeHomogenousSilosForTesting = workers.All(worker => worker.HostsScheduler);
        builder.ConfigureSiloHost((silo, host) => host.Services.AddSingleton<IInstanceManager>(WorkerOf(silo.SiloName).Manager));
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            var worker = WorkerOf(silo.SiloName);
            if (worker.HostsScheduler)
            {
                siloBuilder.AddFaasScheduler(options =>
                {
                    options.DataDirectory = dataDirectory;
                    options.ReapInterval = TimeSpan.FromMilliseconds(200);
                    options.HeartbeatTimeout = TimeSpan.FromSeconds(3);
                    options.QueueWait = TimeSpan.FromSeconds(2);
                    options.InvocationFlushInterval = TimeSpan.FromMilliseconds(500);
                    configure?.Invoke(options);
                });
            }

            configureSilo?.Invoke(siloBuilder);
            siloBuilder.AddFaasWorker(new WorkerSiloOptions
                {
                    WorkerId = worker.Id,
                    Url = worker.Url,
                    Backend = "test/fake",
                    MemoryCapacityMiB = worker.MemoryCapacityMiB,
                    HeartbeatInterval = TimeSpan.FromMilliseconds(200),
                });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var started = new SchedulerCluster(cluster, workers, dataDirectory, ownsDataDirectory);
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return (await started.Client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key).ListAsync()).Count == workers.Count;
                }
                catch (ArgumentException)
                {
                    // The client has not yet learned which silos host the scheduler's grains (it may know only a worker-only silo).
                    return false;
                }
            },
            "every worker registered");
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        if (_ownsDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
