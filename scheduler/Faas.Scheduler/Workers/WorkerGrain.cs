using System.Diagnostics;
using Faas.Scheduler.Functions;
using Faas.Scheduler.Placement;
using Faas.Vmm;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Orleans.Concurrency;

namespace Faas.Scheduler.Workers;

/// <summary>
/// One worker, on that worker's own silo: forwards to the local instance manager (thread-safe, hence reentrant) and turns its
/// exceptions into values.
/// </summary>
[Reentrant]
[WorkerSiloPlacement]
[GrainType("faas.worker")]
internal sealed class WorkerGrain(IInstanceManager manager) : Grain, IWorkerGrain
{
    private readonly DeployProgressSink _progress = new();

    public async Task<WorkerDeployResult> DeployAsync(WorkerFunction workerFunction)
    {
        ArgumentNullException.ThrowIfNull(workerFunction);
        var definition = FunctionDefinitionMapper.ToDefinition(workerFunction);
        try
        {
            var status = await manager.DeployAsync(definition, progress: _progress.For(definition.Key));
            return new WorkerDeployResult(
                DeployStatus.Created, status.ImageDigest, WorkerNames.Snapshot(status.Snapshot.State), status.Snapshot.Key);
        }
        catch (ImageException e)
        {
            return new WorkerDeployResult(DeployStatus.ImageFailed, Error: e.Message);
        }
        catch (FunctionStartException e)
        {
            return new WorkerDeployResult(DeployStatus.StartFailed, Error: e.Message, OutputTail: e.OutputTail ?? e.ConsoleTail);
        }
        catch (ArgumentException e)
        {
            return new WorkerDeployResult(DeployStatus.StartFailed, Error: $"the function cannot run as specified: {e.Message}");
        }
        catch (Exception e) when (e is VmException or IOException or InvalidOperationException or TimeoutException)
        {
            return new WorkerDeployResult(DeployStatus.StartFailed, Error: $"worker {this.GetPrimaryKeyString()} could not deploy the function: {e.Message}");
        }
        finally
        {
            _progress.Finish(definition.Key);
        }
    }

    public Task<DeployProgress?> GetDeployProgressAsync(string tenant, string name) =>
        Task.FromResult(_progress.Get(FunctionDefinitionMapper.Key(tenant, name)));

    public async Task<InstanceStartResult> StartInstanceAsync(WorkerFunction workerFunction, bool restore)
    {
        ArgumentNullException.ThrowIfNull(workerFunction);
        var key = FunctionDefinitionMapper.Key(workerFunction.Tenant, workerFunction.Name);
        var asked = Stopwatch.GetTimestamp();
        if (manager.GetFunction(key) is null)
        {
            var deployed = await DeployAsync(workerFunction);
            if (deployed.Status != DeployStatus.Created)
            {
                return new InstanceStartResult(null, restore ? "restore" : "boot", Error: deployed.Error, OutputTail: deployed.OutputTail);
            }
        }

        var kind = restore && manager.GetSnapshotStatus(key)?.State == Faas.Worker.Snapshots.SnapshotState.Ready ? StartKind.Restore : StartKind.Boot;
        var start = WorkerNames.Start(kind);
        try
        {
            var instance = await manager.StartInstanceAsync(key, kind);
            return new InstanceStartResult(instance.Id, start, instance.StartMilliseconds ?? Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
        }
        catch (FunctionStartException e)
        {
            return new InstanceStartResult(null, start, Error: e.Message, OutputTail: e.OutputTail ?? e.ConsoleTail);
        }
        catch (Exception e) when (e is InvalidOperationException or VmException or IOException or TimeoutException)
        {
            return new InstanceStartResult(null, start, Error: $"worker {this.GetPrimaryKeyString()} could not start an instance of {key}: {e.Message}");
        }
    }

    public Task<bool> StopInstanceAsync(string instanceId) => manager.StopInstanceAsync(instanceId);

    public Task<IReadOnlyList<WorkerInstance>> ListInstancesAsync(string tenant, string name)
    {
        var key = FunctionDefinitionMapper.Key(tenant, name);
        var memory = manager.GetFunction(key)?.Definition.MemoryMiB ?? 0;
        IReadOnlyList<WorkerInstance> instances = [.. manager.ListInstances(key).Select(instance => WorkerNames.Describe(instance, memory))];
        return Task.FromResult(instances);
    }

    public Task<bool> RemoveFunctionAsync(string tenant, string name) => manager.RemoveAsync(FunctionDefinitionMapper.Key(tenant, name));

    public Task<string?> GetSnapshotDigestAsync(string key) => manager.GetSnapshotDigestAsync(key);

    public Task<WorkerLogPage> GetLogsAsync(string tenant, string name, long afterSequence, DateTimeOffset? since)
    {
        var lines = manager.GetLogs(FunctionDefinitionMapper.Key(tenant, name), since, afterSequence);
        var page = new WorkerLogPage(
            [.. lines.Select(line => new WorkerLogLine(line.Sequence, line.Timestamp, line.InstanceId, WorkerNames.Stream(line.Stream), line.Text))],
            lines.Count > 0 ? lines[^1].Sequence : afterSequence);
        return Task.FromResult(page);
    }
}
