using Faas.Worker.Instances;

namespace Faas.Scheduler.Tests.Support;

/// <summary>A worker silo of a test cluster: its id, its guest memory, its instance manager and where its invoke endpoint is.</summary>
/// <param name="HostsScheduler">Whether its silo also hosts the scheduler's grains (as in <c>faas up</c>) or only the worker (cluster mode).</param>
internal sealed record TestWorker(string Id, int MemoryCapacityMiB, IInstanceManager Manager, bool HostsScheduler = true, string? Endpoint = null)
{
    public static TestWorker Create(string id, int memoryCapacityMiB = 4096, bool hostsScheduler = true) =>
        new(id, memoryCapacityMiB, new RecordingInstanceManager(id), hostsScheduler);

    public string Url => Endpoint ?? $"http://{Id}.workers.test:8081";

    /// <summary>The in-memory manager of a worker made by <see cref="Create"/>.</summary>
    public RecordingInstanceManager Recording => (RecordingInstanceManager)Manager;
}
