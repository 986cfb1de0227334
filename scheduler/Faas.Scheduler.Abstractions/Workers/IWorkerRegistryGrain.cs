namespace Faas.Scheduler.Workers;

/// <summary>The workers of the cluster; one grain, keyed <see cref="Key"/>. Workers that stop heartbeating are dropped.</summary>
public interface IWorkerRegistryGrain : IGrainWithStringKey
{
    public const string Key = "workers";

    Task RegisterAsync(WorkerRegistration registration);

    Task HeartbeatAsync(string workerId, int memoryUsedMiB, int instances);

    Task UnregisterAsync(string workerId);

    /// <summary>Workers alive now.</summary>
    Task<IReadOnlyList<WorkerStatus>> ListAsync();
}
