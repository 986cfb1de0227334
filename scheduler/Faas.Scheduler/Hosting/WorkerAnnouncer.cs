using Faas.Scheduler.Workers;
using Faas.Worker.Instances;
using Microsoft.Extensions.Logging;

namespace Faas.Scheduler.Hosting;

/// <summary>
/// On a worker silo: announces the worker to the registry once the silo is active, reports its load every heartbeat interval
/// (announcing it again, so a registry that lost its memory learns it back), and withdraws it when the silo stops.
/// </summary>
internal sealed partial class WorkerAnnouncer(
    WorkerSiloOptions options, IInstanceManager manager, IGrainFactory grains, ILogger<WorkerAnnouncer> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkerAnnouncer), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            await Registry.UnregisterAsync(options.WorkerId).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Stopping goes on regardless: the registry drops a worker that stops reporting anyway.
            LogUnregisterFailed(logger, options.WorkerId, e.Message);
        }

    }

    public void Dispose() => _stopping.Dispose();

    private IWorkerRegistryGrain Registry => grains.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var registration = new WorkerRegistration(options.WorkerId, options.Url, options.Backend, options.MemoryCapacityMiB);
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        do
        {
            try
            {
                var (memory, instances) = Load();
                // A report stuck behind a cluster in turmoil must not hold up the next one.
                await Registry.RegisterAsync(registration).WaitAsync(options.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
                await Registry.HeartbeatAsync(options.WorkerId, memory, instances).WaitAsync(options.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever went wrong this time, the next heartbeat tries again: the loop must outlive a bad moment of the cluster.
                LogHeartbeatFailed(logger, options.WorkerId, e.Message);
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Guest RAM of the live instances, and how many there are.</summary>
    private (int MemoryMiB, int Instances) Load()
    {
        var live = manager.ListInstances().Where(instance => instance.State != InstanceState.Dead).ToList();
        var memory = live.Sum(instance => manager.GetFunction(instance.Function)?.Definition.MemoryMiB ?? 0);
        return (memory, live.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {WorkerId} could not report to the scheduler: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {WorkerId} could not withdraw from the scheduler: {Reason}")]
    private static partial void LogUnregisterFailed(ILogger logger, string workerId, string reason);
}
