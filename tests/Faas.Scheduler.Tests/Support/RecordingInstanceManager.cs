using System.Security.Cryptography;
using System.Text;
using Faas.Worker.Functions;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;

namespace Faas.Scheduler.Tests.Support;

/// <summary>
/// An in-memory worker: deploys, starts and stops instances instantly and records every call, so tests can see which worker the
/// scheduler chose and how. What an image reference contains decides how it behaves: "missing" (image not found), "crash"
/// (never becomes ready), "nosnapshot" (no snapshot: instances boot), "startfail" (deploys, but instances do not start), "slow"
/// (the deploy waits for <see cref="ReleaseDeploys"/>).
/// </summary>
internal sealed class RecordingInstanceManager(string workerId) : IInstanceManager
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FunctionKey, FunctionStatus> _functions = [];
    private readonly Dictionary<string, InstanceInfo> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<FunctionKey, List<LogLine>> _logs = [];
    private readonly List<string> _events = [];
    private readonly List<SnapshotSource> _peers = [];
    private readonly TaskCompletionSource _slowDeploys = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextInstance;

    public string WorkerId { get; } = workerId;

    /// <summary>Everything asked of this worker, in order: "deploy t/n image", "start t/n Restore", "stop id", "remove t/n".</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The peers deploys were told to fetch their snapshot from, in order.</summary>
    public IReadOnlyList<SnapshotSource> Peers
    {
        get
        {
            lock (_gate)
            {
                return [.. _peers];
            }
        }
    }

    public void ReleaseDeploys() => _slowDeploys.TrySetResult();

    /// <summary>A made-up digest of this worker's copy of the snapshot: each worker's differs, as their files do.</summary>
    public Task<string?> GetSnapshotDigestAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var held = _functions.Values.Any(function => function.Snapshot.State == SnapshotState.Ready && function.Snapshot.Key == key);
            return Task.FromResult(held ? $"sha256:{WorkerId}:{key}" : null);
        }
    }

    public async Task<FunctionStatus> DeployAsync(
        FunctionDefinition definition, RegistryCredentials? credentials = null, IProgress<DeployStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (FunctionDefinitionValidator.Validate(definition) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(definition));
        }

        var key = definition.Key;
        Record($"deploy {key} {definition.Image}");
        if (definition.SnapshotSource is { } peer)
        {
            lock (_gate)
            {
                _peers.Add(peer);
            }
        }

        progress?.Report(new DeployStep(DeployStage.PreparingImage, "resolving", new ImageProgress(definition.Image, ImagePhase.Resolving)));
        await Task.Yield();
        if (definition.Image.Contains("missing", StringComparison.Ordinal))
        {
            throw new ImageException(ImageErrorKind.NotFound, definition.Image, $"image {definition.Image} was not found in its registry");
        }

        progress?.Report(new DeployStep(DeployStage.PreparingImage, "Copying blob sha256:0001", new ImageProgress(definition.Image, ImagePhase.Pulling, "Copying blob sha256:0001", 1, 3)));
        if (definition.Image.Contains("slow", StringComparison.Ordinal))
        {
            await _slowDeploys.Task.WaitAsync(cancellationToken);
        }

        progress?.Report(new DeployStep(DeployStage.Booting, $"booting {key}"));
        if (definition.Image.Contains("crash", StringComparison.Ordinal))
        {
            Log(key, "-", LogSource.Stderr, "Traceback: boom");
            throw new FunctionStartException(key, "its process exited with code 1 before it was ready", "Traceback: boom");
        }

        var snapshot = definition.Image.Contains("nosnapshot", StringComparison.Ordinal)
            ? SnapshotStatus.Disabled
            : new SnapshotStatus(SnapshotState.Ready, SnapshotKeyOf(definition), $"/snapshots/{WorkerId}", DateTimeOffset.UtcNow);
        var status = new FunctionStatus(definition, "sha256:" + Hash(definition.Image), 8080, snapshot, DateTimeOffset.UtcNow, []);
        lock (_gate)
        {
            _functions[key] = status;
        }

        Log(key, "-", LogSource.Platform, $"deployed on {WorkerId}");
        progress?.Report(new DeployStep(DeployStage.Ready, $"{key} deployed"));
        return status;
    }

    public Task<bool> RemoveAsync(FunctionKey key, CancellationToken cancellationToken = default)
    {
        Record($"remove {key}");
        lock (_gate)
        {
            foreach (var id in _instances.Values.Where(instance => instance.Function == key).Select(instance => instance.Id).ToList())
            {
                _instances.Remove(id);
            }

            return Task.FromResult(_functions.Remove(key));
        }
    }

    public FunctionStatus? GetFunction(FunctionKey key)
    {
        lock (_gate)
        {
            return _functions.TryGetValue(key, out var status) ? status with { Instances = InstancesOf(key) } : null;
        }
    }

    public IReadOnlyList<FunctionStatus> ListFunctions()
    {
        lock (_gate)
        {
            return [.. _functions.Values];
        }
    }

    public SnapshotStatus? GetSnapshotStatus(FunctionKey key) => GetFunction(key)?.Snapshot;

    public Task<LeaseResult> AcquireAsync(FunctionKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(new LeaseResult(LeaseStatus.NotDeployed, Error: "calls are not forwarded to this worker"));

    public LeaseResult AcquireInstance(FunctionKey key, string instanceId) => new(LeaseStatus.InstanceGone, Error: "calls are not forwarded to this worker");

    public Task<InstanceInfo> StartInstanceAsync(FunctionKey key, StartKind kind, CancellationToken cancellationToken = default)
    {
        InstanceInfo instance;
        lock (_gate)
        {
            if (!_functions.TryGetValue(key, out var function))
            {
                throw new InvalidOperationException($"function {key} is not deployed on this worker");
            }

            if (kind == StartKind.Restore && function.Snapshot.State != SnapshotState.Ready)
            {
                throw new InvalidOperationException($"function {key} has no snapshot to restore");
            }

            if (InstancesOf(key).Count >= function.Definition.MaxInstances)
            {
                throw new InvalidOperationException($"function {key} already has its maximum of {function.Definition.MaxInstances} instances");
            }

            _events.Add($"start {key} {kind}");
            if (function.Definition.Image.Contains("startfail", StringComparison.Ordinal))
            {
                throw new FunctionStartException(key, "it never accepted connections on its port", "listening on the wrong port");
            }

            var now = DateTimeOffset.UtcNow;
            instance = new InstanceInfo($"i-{WorkerId}-{++_nextInstance}", key, InstanceState.Idle, kind, $"vm-{_nextInstance}", now, now, now, 0, 0, 1.5);
            _instances[instance.Id] = instance;
        }

        Log(key, instance.Id, LogSource.Platform, $"instance started by {kind}");
        return Task.FromResult(instance);
    }

    public Task<bool> StopInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Record($"stop {instanceId}");
        lock (_gate)
        {
            return Task.FromResult(_instances.Remove(instanceId));
        }
    }

    public Task<int> StopInstancesAsync(FunctionKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var ids = InstancesOf(key).Select(instance => instance.Id).ToList();
            ids.ForEach(id => _instances.Remove(id));
            return Task.FromResult(ids.Count);
        }
    }

    public IReadOnlyList<InstanceInfo> ListInstances(FunctionKey? key = null)
    {
        lock (_gate)
        {
            return [.. _instances.Values.Where(instance => key is null || instance.Function == key).OrderBy(instance => instance.CreatedAt)];
        }
    }

    public IReadOnlyList<LogLine> GetLogs(FunctionKey key, DateTimeOffset? since = null, long afterSequence = 0)
    {
        lock (_gate)
        {
            return _logs.TryGetValue(key, out var lines)
                ? [.. lines.Where(line => line.Sequence > afterSequence && (since is null || line.Timestamp >= since))]
                : [];
        }
    }

    /// <summary>The instance dies without anyone asking (its VM crashed).</summary>
    public bool Kill(string instanceId)
    {
        lock (_gate)
        {
            return _instances.Remove(instanceId);
        }
    }

    /// <summary>Appends a line as if the function's instance had written it.</summary>
    public void Log(FunctionKey key, string instanceId, LogSource stream, string text, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(key, out var lines))
            {
                _logs[key] = lines = [];
            }

            lines.Add(new LogLine(lines.Count + 1, at ?? DateTimeOffset.UtcNow, instanceId, stream, text));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private List<InstanceInfo> InstancesOf(FunctionKey key) => [.. _instances.Values.Where(instance => instance.Function == key)];

    private void Record(string what)
    {
        lock (_gate)
        {
            _events.Add(what);
        }
    }

    /// <summary>Like the real key: the same image, command, environment and VM size give the same snapshot on every worker.</summary>
    private static string SnapshotKeyOf(FunctionDefinition definition) =>
        Hash(string.Join('\n', definition.Image, string.Join(' ', definition.Overrides.Entrypoint ?? []), string.Join(',', (definition.Overrides.Environment ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}")), definition.MemoryMiB, definition.VcpuCount));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
