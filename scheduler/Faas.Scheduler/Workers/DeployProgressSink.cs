using System.Collections.Concurrent;
using Faas.Scheduler.Functions;
using Faas.Worker.Functions;
using Faas.Worker.Instances;

namespace Faas.Scheduler.Workers;

/// <summary>Keeps the last step of each running deploy, written from the instance manager's threads and read by grain calls.</summary>
internal sealed class DeployProgressSink
{
    private readonly ConcurrentDictionary<FunctionKey, DeployProgress> _current = new();

    public IProgress<DeployStep> For(FunctionKey key)
    {
        _current[key] = new DeployProgress(DeployPhase.Queued);
        return new Reporter(this, key);
    }

    public DeployProgress? Get(FunctionKey key) => _current.GetValueOrDefault(key);

    public void Finish(FunctionKey key) => _current.TryRemove(key, out _);

    private sealed class Reporter(DeployProgressSink sink, FunctionKey key) : IProgress<DeployStep>
    {
        public void Report(DeployStep value) => sink._current[key] = DeployProgressMapper.From(value);
    }
}
