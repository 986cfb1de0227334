using Faas.Vmm.Guest;
using Faas.Vmm.Qemu;
using Faas.Worker.Http;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;

namespace Faas.Worker.Tests.Support;

/// <summary>A worker over a private cache root that boots nothing, with its HTTP endpoint on a free loopback port: it serves the snapshots written into its cache.</summary>
public sealed class ServingWorker : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingWorker(TemporaryDirectory cacheRoot, InstanceManager manager, WebApplication app)
    {
        CacheRoot = cacheRoot;
        Manager = manager;
        _app = app;
        Client = new HttpClient { BaseAddress = Address };
    }

    public TemporaryDirectory CacheRoot { get; }

    public InstanceManager Manager { get; }

    public HttpClient Client { get; }

    public Uri Address => WorkerHost.Addresses(_app)[0];

    public static async Task<ServingWorker> StartAsync()
    {
        var cacheRoot = new TemporaryDirectory("faas-serving-");
        var guest = new GuestImage("/nonexistent/vmlinux", "/nonexistent/bzImage", "/nonexistent/initrd", "kernel", "agent", "6.1");
        var manager = new InstanceManager(
            new QemuBackend(new QemuOptions { Accelerator = QemuAccelerator.Tcg }),
            guest,
            new ImageStore(new ImageStoreOptions { CacheRoot = cacheRoot.Path }),
            new InstanceManagerOptions { CacheRoot = cacheRoot.Path });
        // The manager's start-up pass over its snapshot cache is over before a test writes snapshots there by hand (unlocked).
        await manager.EvictSnapshotsAsync();
        var app = WorkerHost.Create(manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync();
        return new ServingWorker(cacheRoot, manager, app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Manager.DisposeAsync();
        CacheRoot.Dispose();
    }
}
