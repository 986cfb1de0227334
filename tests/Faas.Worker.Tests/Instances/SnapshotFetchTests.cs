using Faas.Tests.Shared;
using System.Net;
using Faas.Vmm;
using Faas.Vmm.Qemu;
using Faas.Worker.Functions;
using Faas.Worker.Http;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>
/// A second worker deploying a function the shared worker already snapshotted: it fetches that snapshot over HTTP (no VM booted) and
/// restores from it; given a wrong digest or an unreachable peer, it takes its own.
/// </summary>
[Collection(WorkerGroup.Name)]
public sealed class SnapshotFetchTests(WorkerFixture worker) : IAsyncLifetime
{
    private static readonly FunctionKey Key = new(WorkerFixture.Tenant, SampleImages.Busybox);
    private readonly TemporaryDirectory _images = new("faas-peer-images-");
    private readonly List<IAsyncDisposable> _workers = [];
    private readonly List<TemporaryDirectory> _caches = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_worker_given_the_peers_digest_fetches_its_snapshot_boots_nothing_and_restores_from_it()
    {
        var source = await SourceAsync();
        var (manager, cacheRoot) = NewWorker();
        var steps = new List<DeployStep>();

        var status = await manager.DeployAsync(Definition() with { SnapshotSource = source }, progress: new SynchronousProgress<DeployStep>(steps.Add), cancellationToken: Token);

        Assert.Equal((SnapshotState.Ready, SnapshotOrigins.Fetched, source.Key), (status.Snapshot.State, status.Snapshot.Origin, status.Snapshot.Key));
        var log = manager.GetLogs(Key).Select(line => line.Text).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log));
        Assert.Contains(log, line => line.StartsWith($"snapshot fetched from {source.Worker} (", StringComparison.Ordinal) && line.EndsWith("; new instances restore from it", StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.Contains("booted", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.Stage == DeployStage.Booting);
        Assert.Contains(steps, step => step.Stage == DeployStage.Snapshotting && step.Detail!.StartsWith("fetching the snapshot from ", StringComparison.Ordinal));
        Assert.Empty(manager.ListInstances());

        var vm = VmSnapshot.Load(Path.Combine(status.Snapshot.Directory!, "vm"));
        Assert.StartsWith(_images.Path, vm.Spec.Disks![0].Path, StringComparison.Ordinal);
        Assert.StartsWith(cacheRoot, status.Snapshot.Directory, StringComparison.Ordinal);
        var memory = Path.Combine(status.Snapshot.Directory!, "vm", "memory");
        Assert.True(AllocatedBytes.Of(memory) < new FileInfo(memory).Length / 2, $"the fetched memory file takes {AllocatedBytes.Of(memory)} of its {new FileInfo(memory).Length} bytes");
        Assert.Equal(await manager.GetSnapshotDigestAsync(source.Key, Token), await manager.GetSnapshotDigestAsync(source.Key, Token));

        var app = WorkerHost.Create(manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync(Token);
        _workers.Add(app);
        using var client = new HttpClient { BaseAddress = WorkerHost.Addresses(app)[0], Timeout = TimeSpan.FromMinutes(2) };
        using var response = await client.GetAsync(WorkerFixture.PathOf(SampleImages.Busybox, "/status/201"), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("restore", Responses.Start(response));
        Assert.Equal(StartKind.Restore, Assert.Single(manager.ListInstances(Key)).Start);
    }

    [Fact]
    public async Task A_wrong_digest_or_an_unreachable_peer_makes_the_worker_take_its_own_snapshot_and_say_why()
    {
        var source = await SourceAsync();
        var wrong = source with { Digest = "sha256:" + new string('0', 64) };
        var unreachable = source with { Worker = new Uri("http://127.0.0.1:1/") };

        foreach (var (given, reason) in new[] { (wrong, $"the files hash to {source.Digest}, not to the expected {wrong.Digest}"), (unreachable, "ConnectionError") })
        {
            var (manager, _) = NewWorker();

            var status = await manager.DeployAsync(Definition() with { SnapshotSource = given }, cancellationToken: Token);

            Assert.Equal((SnapshotState.Ready, SnapshotOrigins.Taken), (status.Snapshot.State, status.Snapshot.Origin));
            var log = manager.GetLogs(Key).Where(line => line.Stream == LogSource.Platform).Select(line => line.Text).ToList();
            Assert.Contains(log, line => line.StartsWith($"could not fetch the snapshot from {given.Worker}: ", StringComparison.Ordinal)
                && line.Contains(reason, StringComparison.Ordinal) && line.EndsWith("; taking it here", StringComparison.Ordinal));
            Assert.Contains(log, line => line.StartsWith("snapshot taken", StringComparison.Ordinal));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(manager.SnapshotDirectory, "tmp")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _workers.Count - 1; i >= 0; i--)
        {
            var disposable = _workers[i];
            await disposable.DisposeAsync();
        }

        foreach (var cache in _caches)
        {
            cache.Dispose();
        }

        _images.Dispose();
    }

    private static FunctionDefinition Definition() => WorkerFixture.Sample(SampleImages.Busybox, SampleImages.Busybox);

    /// <summary>The shared worker's snapshot of the busybox sample, and its digest as the worker reports it.</summary>
    private async Task<SnapshotSource> SourceAsync()
    {
        var deployed = await worker.DeploySampleAsync(SampleImages.Busybox);
        Assert.Equal(SnapshotOrigins.Taken, deployed.Snapshot.Origin);
        var digest = await worker.Manager.GetSnapshotDigestAsync(deployed.Snapshot.Key!, Token);
        return new SnapshotSource(worker.Client.BaseAddress!, deployed.Snapshot.Key!, digest!);
    }

    /// <summary>A worker with snapshots of its own (and images of its own, shared by the workers of this class).</summary>
    private (InstanceManager Manager, string CacheRoot) NewWorker()
    {
        var cache = new TemporaryDirectory("faas-peer-snapshots-");
        _caches.Add(cache);
        var manager = new InstanceManager(
            new QemuBackend(new QemuOptions { Accelerator = QemuAccelerator.Tcg }),
            worker.Guest,
            new ImageStore(new ImageStoreOptions { CacheRoot = _images.Path }),
            new InstanceManagerOptions { CacheRoot = cache.Path, BackendKey = "qemu/tcg" });
        _workers.Add(manager);
        return (manager, cache.Path);
    }
}
