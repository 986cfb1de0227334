using Faas.Scheduler.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Faas.Scheduler.Workers;

/// <summary>The workers that announced themselves and their last reported load, in memory: workers announce themselves again on every heartbeat.</summary>
[Reentrant]
[GrainType("faas.worker-registry")]
internal sealed class WorkerRegistryGrain(IOptions<SchedulerOptions> options) : Grain, IWorkerRegistryGrain
{
    private readonly Dictionary<string, WorkerStatus> _workers = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout = options.Value.HeartbeatTimeout;

    public Task RegisterAsync(WorkerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var known = _workers.GetValueOrDefault(registration.WorkerId);
        _workers[registration.WorkerId] = new WorkerStatus(registration, known?.MemoryUsedMiB ?? 0, known?.Instances ?? 0, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task HeartbeatAsync(string workerId, int memoryUsedMiB, int instances)
    {
        if (_workers.TryGetValue(workerId, out var known))
        {
            _workers[workerId] = known with { MemoryUsedMiB = memoryUsedMiB, Instances = instances, LastHeartbeat = DateTimeOffset.UtcNow };
        }

        return Task.CompletedTask;
    }

    public Task UnregisterAsync(string workerId)
    {
        _workers.Remove(workerId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkerStatus>> ListAsync()
    {
        var alive = DateTimeOffset.UtcNow - _timeout;
        IReadOnlyList<WorkerStatus> workers = [.. _workers.Values.Where(worker => worker.LastHeartbeat >= alive).OrderBy(worker => worker.Registration.WorkerId, StringComparer.Ordinal)];
        return Task.FromResult(workers);
    }
}
