using Faas.Tests.Shared;
using System.Collections.Concurrent;
using Faas.Guest.Artifacts;
using Faas.Vmm.Guest;
using Faas.Vmm.Qemu;
using Faas.Worker.Functions;
using Faas.Worker.Http;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;

namespace Faas.Worker.Tests.Support;

/// <summary>
/// One worker for the integration tests: the real guest, QEMU (TCG), the samples from the loopback registry, the worker's HTTP
/// endpoint on a free loopback port, and snapshots in a private directory. Functions deployed through it are shared by the tests.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string Tenant = "tests";

    private readonly ConcurrentDictionary<string, Lazy<Task<FunctionStatus>>> _deployed = new(StringComparer.Ordinal);
    private TemporaryDirectory? _snapshots;
    private WebApplication? _app;
    private InstanceManager? _manager;
    private HttpClient? _client;
    private bool _startedRegistry;
    private GuestImage? _guest;

    public InstanceManager Manager => _manager ?? throw new InvalidOperationException("the worker is not started");

    public HttpClient Client => _client ?? throw new InvalidOperationException("the worker is not started");

    public GuestImage Guest => _guest ?? throw new InvalidOperationException("the worker is not started");

    public string SnapshotDirectory => _snapshots?.Path ?? throw new InvalidOperationException("the worker is not started");

    /// <summary>The cache root the fixture's snapshots live under; another manager over it finds them.</summary>
    public string CacheRoot => _snapshots?.Path ?? throw new InvalidOperationException("the worker is not started");

    public async ValueTask InitializeAsync()
    {
        _startedRegistry = await SampleImages.EnsureAsync();
        var guest = _guest = await new GuestArtifacts().EnsureAsync();
        _snapshots = new TemporaryDirectory("faas-worker-snapshots-");
        _manager = new InstanceManager(
            new QemuBackend(new QemuOptions { Accelerator = QemuAccelerator.Tcg }),
            guest,
            new ImageStore(new ImageStoreOptions()),
            new InstanceManagerOptions { CacheRoot = _snapshots.Path, BackendKey = "qemu/tcg", QueueTimeout = TimeSpan.FromSeconds(60) });
        _app = WorkerHost.Create(_manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = WorkerHost.Addresses(_app)[0], Timeout = TimeSpan.FromMinutes(3) };
    }

    public static FunctionDefinition Sample(string name, string sample) => new()
    {
        Tenant = Tenant,
        Name = name,
        Image = SampleImages.Reference(sample),
        MemoryMiB = 256,
    };

    /// <summary>Deploys the function once for the whole test run; later calls with the same name get the first deploy.</summary>
    public Task<FunctionStatus> DeployOnceAsync(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return _deployed.GetOrAdd(definition.Name, _ => new Lazy<Task<FunctionStatus>>(() => Manager.DeployAsync(definition))).Value;
    }

    public Task<FunctionStatus> DeploySampleAsync(string sample) => DeployOnceAsync(Sample(sample, sample));

    public static string PathOf(string function, string path) => $"/{Tenant}/{function}{path}";

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_manager is not null)
        {
            await _manager.DisposeAsync();
        }

        _snapshots?.Dispose();
        if (_startedRegistry)
        {
            await SampleImages.StopRegistryAsync();
        }
    }
}
