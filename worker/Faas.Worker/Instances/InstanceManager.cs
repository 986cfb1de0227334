using Faas.Vmm.Caching;
using System.Collections.Concurrent;
using Faas.Vmm;
using Faas.Vmm.Guest;
using Faas.Worker.Functions;
using Faas.Worker.Images;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Snapshots.Transfer;
using Microsoft.Extensions.Logging;

namespace Faas.Worker.Instances;

/// <summary>The worker's functions and instances on one host, on one VM backend.</summary>
public sealed partial class InstanceManager : IInstanceManager, ISnapshotCatalog
{
    private const long MiB = 1024 * 1024;
    private const long SnapshotOverheadBytes = 1024 * MiB;
    private static readonly TimeSpan PeerConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly ImageStore _images;
    private readonly InstanceStarter _starter;
    private readonly SnapshotStore _snapshots;
    private readonly InstanceManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly string _backendKey;
    private readonly ConcurrentDictionary<FunctionKey, FunctionRuntime> _functions = new();
    private readonly ConcurrentDictionary<FunctionKey, FunctionLog> _logs = new();
    private readonly ConcurrentDictionary<FunctionKey, SemaphoreSlim> _deploys = new();
    private readonly HttpClient _peers;
    private readonly SnapshotFetcher _fetcher;
    private readonly SnapshotPins _snapshotPins;
    private readonly SnapshotCacheKeeper _snapshotCache;
    private readonly ILogger? _logger;

    /// <param name="backend">Boots, snapshots and restores the VMs.</param>
    /// <param name="guest">The guest kernel and initramfs (agent) every VM boots.</param>
    /// <param name="images">Turns image references into root filesystems.</param>
    /// <param name="options">Cache location and size, queueing, logs.</param>
    /// <param name="time">The clock (tests may pass their own).</param>
    /// <param name="logger">Where the worker says what it does on its own, such as evicting snapshots; null: nowhere (metrics still count it).</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="InstanceManagerOptions.SnapshotCacheMaxBytes"/> is 0 or negative.</exception>
    public InstanceManager(
        IVmBackend backend, GuestImage guest, ImageStore images, InstanceManagerOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(images);
        _options = options ?? new InstanceManagerOptions();
        _time = time ?? TimeProvider.System;
        _images = images;
        _starter = new InstanceStarter(backend, guest, _time);
        var cacheRoot = CacheRootResolver.Resolve(_options.CacheRoot);
        var snapshotLimit = SnapshotCacheLimit.Resolve(_options.SnapshotCacheMaxBytes, cacheRoot);
        _snapshots = new SnapshotStore(cacheRoot);
        _logger = logger;
        _snapshotPins = new SnapshotPins(key => _functions.Values.Any(runtime => runtime.SnapshotKey == key));
        _snapshotCache = new SnapshotCacheKeeper(_snapshots, snapshotLimit, _snapshotPins, ReportEviction);
        _backendKey = _options.BackendKey ?? backend.Name;
        _peers = new HttpClient(new SocketsHttpHandler { ConnectTimeout = PeerConnectTimeout }) { Timeout = Timeout.InfiniteTimeSpan };
        _fetcher = new SnapshotFetcher(_peers, _options.WorkerKey, _options.SnapshotFetchTimeout);
        WorkerMetrics.Track(this);
        _ = _snapshotCache.RequestAsync();
    }

    /// <summary>Where snapshots are kept.</summary>
    public string SnapshotDirectory => _snapshots.Root;

    /// <summary>The most disk space complete snapshots may take (<see cref="InstanceManagerOptions.SnapshotCacheMaxBytes"/>, resolved).</summary>
    public long SnapshotCacheMaxBytes => _snapshotCache.LimitBytes;

    public async Task<FunctionStatus> DeployAsync(
        FunctionDefinition definition,
        RegistryCredentials? credentials = null,
        IProgress<DeployStep>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (FunctionDefinitionValidator.Validate(definition) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(definition));
        }

        var key = definition.Key;
        var gate = _deploys.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var imageProgress = progress is null ? null : new SynchronousProgress<ImageProgress>(step => progress.Report(new DeployStep(DeployStage.PreparingImage, step.Detail, step)));
            var image = await _images.PrepareAsync(definition.Image, credentials, imageProgress, cancellationToken).ConfigureAwait(false);
            var request = FunctionProcess.Resolve(image.Config, definition.Overrides, definition.ReadyTimeout);
            var snapshotKey = SnapshotKey.Compute(
                image.ManifestDigest, request, definition.Overrides, _starter.Guest.KernelKey, _starter.Guest.AgentKey, _backendKey, definition.MemoryMiB, definition.VcpuCount);
            if (_functions.TryGetValue(key, out var current) && IsSameDeploy(current, definition, snapshotKey))
            {
                return Describe(current);
            }

            // Until the runtime is in _functions, the pin keeps its snapshot from eviction.
            using var pin = _snapshotPins.Pin(snapshotKey);

            var log = _logs.GetOrAdd(key, _ => new FunctionLog(_options.LogLinesPerFunction, _time));
            var runtime = new FunctionRuntime(definition, image, request, log, _starter, _options, _time) { SnapshotKey = snapshotKey };
            if (definition.Snapshot)
            {
                await SnapshotAsync(runtime, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                progress?.Report(new DeployStep(DeployStage.Booting, "booting a VM until the function is ready"));
                await BootFirstInstanceAsync(runtime, cancellationToken).ConfigureAwait(false);
            }

            if (_functions.TryGetValue(key, out var replaced) && _functions.TryUpdate(key, runtime, replaced))
            {
                await replaced.RetireAsync(drain: true).ConfigureAwait(false);
            }
            else
            {
                _functions[key] = runtime;
            }

            _ = _snapshotCache.RequestAsync();
            progress?.Report(new DeployStep(DeployStage.Ready, "deployed"));
            return Describe(runtime);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<bool> RemoveAsync(FunctionKey key, CancellationToken cancellationToken = default)
    {
        if (!_functions.TryRemove(key, out var runtime))
        {
            return false;
        }

        await runtime.RetireAsync(drain: true).ConfigureAwait(false);
        _ = _snapshotCache.RequestAsync();
        return true;
    }

    public FunctionStatus? GetFunction(FunctionKey key) => _functions.TryGetValue(key, out var runtime) ? Describe(runtime) : null;

    public IReadOnlyList<FunctionStatus> ListFunctions() =>
        [.. _functions.Values.OrderBy(runtime => runtime.Key.ToString(), StringComparer.Ordinal).Select(Describe)];

    public SnapshotStatus? GetSnapshotStatus(FunctionKey key) => _functions.TryGetValue(key, out var runtime) ? runtime.SnapshotStatus : null;

    public Task<string?> GetSnapshotDigestAsync(string key, CancellationToken cancellationToken = default) =>
        _snapshots.GetDigestAsync(key, cancellationToken);

    public Task<SnapshotManifest?> GetSnapshotManifestAsync(string key, CancellationToken cancellationToken = default) =>
        _snapshots.GetManifestAsync(key, cancellationToken);

    public Task<string?> GetSnapshotFilePathAsync(string key, string path, CancellationToken cancellationToken = default) =>
        _snapshots.ResolveFileAsync(key, path, cancellationToken);

    public Task<LeaseResult> AcquireAsync(FunctionKey key, CancellationToken cancellationToken = default) =>
        _functions.TryGetValue(key, out var runtime)
            ? runtime.AcquireAsync(cancellationToken)
            : Task.FromResult(new LeaseResult(LeaseStatus.NotDeployed, Error: $"function {key} is not deployed on this worker"));

    public LeaseResult AcquireInstance(FunctionKey key, string instanceId) =>
        _functions.TryGetValue(key, out var runtime)
            ? runtime.AcquireInstance(instanceId)
            : new LeaseResult(LeaseStatus.NotDeployed, Error: $"function {key} is not deployed on this worker");

    public Task<InstanceInfo> StartInstanceAsync(FunctionKey key, StartKind kind, CancellationToken cancellationToken = default)
    {
        if (!_functions.TryGetValue(key, out var runtime))
        {
            throw new InvalidOperationException($"function {key} is not deployed on this worker");
        }

        if (kind == StartKind.Warm)
        {
            throw new ArgumentException("an instance starts by restore or boot", nameof(kind));
        }

        if (kind == StartKind.Restore && runtime.Snapshot is null)
        {
            throw new InvalidOperationException($"function {key} has no snapshot to restore ({runtime.SnapshotStatus.State})");
        }

        return runtime.StartIdleAsync(kind, cancellationToken);
    }

    public async Task<bool> StopInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        foreach (var runtime in _functions.Values)
        {
            if (runtime.Holds(instanceId))
            {
                return await runtime.StopAsync(instanceId).ConfigureAwait(false);
            }
        }

        return false;
    }

    public Task<int> StopInstancesAsync(FunctionKey key, CancellationToken cancellationToken = default) =>
        _functions.TryGetValue(key, out var runtime) ? runtime.StopAllAsync() : Task.FromResult(0);

    public IReadOnlyList<InstanceInfo> ListInstances(FunctionKey? key = null) =>
        [.. _functions.Values.Where(runtime => key is null || runtime.Key == key).SelectMany(runtime => runtime.Instances).OrderBy(instance => instance.CreatedAt)];

    public IReadOnlyList<LogLine> GetLogs(FunctionKey key, DateTimeOffset? since = null, long afterSequence = 0) =>
        _logs.TryGetValue(key, out var log) ? log.Read(since, afterSequence) : [];

    /// <summary>Runs an eviction pass now (after any under way) and returns what it did.</summary>
    internal Task<EvictionPass?> EvictSnapshotsAsync() => _snapshotCache.RequestAsync();

    /// <summary>The VM of a ready instance, for diagnostics.</summary>
    internal IMicroVm? FindVm(string instanceId) =>
        _functions.Values.Select(runtime => runtime.FindVm(instanceId)).FirstOrDefault(vm => vm is not null);

    public async ValueTask DisposeAsync()
    {
        WorkerMetrics.Untrack(this);
        var runtimes = _functions.Values.ToArray();
        _functions.Clear();
        await Task.WhenAll(runtimes.Select(runtime => runtime.RetireAsync(drain: false))).ConfigureAwait(false);
        _peers.Dispose();
        await _snapshotCache.IdleAsync().ConfigureAwait(false);
    }

    private static bool IsSameDeploy(FunctionRuntime current, FunctionDefinition definition, string snapshotKey) =>
        current.SnapshotKey == snapshotKey
        && current.Definition with { Overrides = definition.Overrides, SnapshotSource = definition.SnapshotSource } == definition
        && current.SnapshotStatus.State is SnapshotState.Ready or SnapshotState.Disabled;

    private FunctionStatus Describe(FunctionRuntime runtime) =>
        new(runtime.Definition, runtime.Image.ManifestDigest, runtime.StartRequest.Port, runtime.SnapshotStatus, runtime.DeployedAt, runtime.Instances);

    private async Task BootFirstInstanceAsync(FunctionRuntime runtime, CancellationToken cancellationToken)
    {
        var id = InstanceIds.New();
        var instance = new FunctionInstance(id, runtime.Key, StartKind.Boot, _time.GetUtcNow());
        var booted = await _starter.BootAsync(runtime, new InstanceOutput(runtime.Log, id), snapshottable: false, cancellationToken).ConfigureAwait(false);
        runtime.Log.Append(id, LogSource.Platform, $"instance booted in VM {booted.Started.Vm.Id}");
        instance.MarkReady(booted.Started, _time.GetUtcNow());
        runtime.Adopt(instance);
    }
}
