using Faas.Tests.Shared;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;
using Faas.Vmm.Qemu;
using Faas.Worker.Functions;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>A worker whose snapshot cache holds one snapshot: deploying a second function evicts the removed one's, not the new one's.</summary>
[Collection(WorkerGroup.Name)]
public sealed class SnapshotCacheLimitDeployTests(WorkerFixture worker) : IAsyncDisposable
{
    private readonly TemporaryDirectory _cache = new("faas-evicting-worker-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_removed_functions_snapshot_is_evicted_for_a_new_one_which_restores_while_an_instance_of_the_old_keeps_running()
    {
        var shared = await worker.DeploySampleAsync(SampleImages.Busybox);
        var oldKey = shared.Snapshot.Key!;
        var copy = Path.Combine(_cache.Path, "snapshots", oldKey);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        await Programs.RunAsync("cp", "-a", "--sparse=always", shared.Snapshot.Directory!, copy);
        File.Delete(Path.Combine(copy, SnapshotLastUse.FileName));
        var oneSnapshot = AllocatedSize.OfTree(copy);
        await using var manager = new InstanceManager(
            new QemuBackend(new QemuOptions { Accelerator = QemuAccelerator.Tcg }),
            worker.Guest,
            new ImageStore(new ImageStoreOptions()),
            new InstanceManagerOptions { CacheRoot = _cache.Path, BackendKey = "qemu/tcg", SnapshotCacheMaxBytes = oneSnapshot * 3 / 2 });
        var oldFunction = WorkerFixture.Sample("evicted", SampleImages.Busybox);
        var newFunction = WorkerFixture.Sample("kept", SampleImages.Busybox) with
        {
            Overrides = new FunctionOverrides(Environment: new Dictionary<string, string> { ["GENERATION"] = "2" }),
        };

        var old = await manager.DeployAsync(oldFunction, cancellationToken: Token);
        Assert.Equal((SnapshotState.Ready, oldKey, copy), (old.Snapshot.State, old.Snapshot.Key, old.Snapshot.Directory));
        Assert.True(File.Exists(Path.Combine(copy, SnapshotLastUse.FileName)), "a deploy that finds its snapshot marks it used");
        var running = await manager.AcquireAsync(oldFunction.Key, Token);
        Assert.True(running.IsLeased, running.Error);
        await using var lease = running.Lease;
        Assert.Equal(StartKind.Restore, lease.Start);
        Assert.True(await manager.RemoveAsync(oldFunction.Key, Token));

        var current = await manager.DeployAsync(newFunction, cancellationToken: Token);
        await manager.EvictSnapshotsAsync();

        Assert.NotEqual(oldKey, current.Snapshot.Key);
        Assert.False(Directory.Exists(copy), "the removed function's snapshot is evicted");
        Assert.True(File.Exists(Path.Combine(current.Snapshot.Directory!, SnapshotStore.RecordFileName)), "the deployed function's snapshot is kept");
        Assert.Null(await manager.GetSnapshotDigestAsync(oldKey, Token));

        // The instance restored from the evicted snapshot still maps its (now unlinked) memory file and keeps answering.
        var afterEviction = new StatusSink();
        var result = await lease.InvokeAsync(new InvokeRequest("GET", "/status/201", [], 0, 0), null, afterEviction, Token);
        Assert.Equal((InvocationOutcome.Completed, 201), (result.Outcome, afterEviction.Status));

        var restored = await manager.AcquireAsync(newFunction.Key, Token);
        Assert.True(restored.IsLeased, restored.Error);
        await using var restoredLease = restored.Lease;
        var answer = new StatusSink();
        await restoredLease.InvokeAsync(new InvokeRequest("GET", "/status/202", [], 0, 0), null, answer, Token);
        Assert.Equal((StartKind.Restore, 202), (restoredLease.Start, answer.Status));
    }

    public ValueTask DisposeAsync()
    {
        _cache.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class StatusSink : IInvokeResponseSink
    {
        public int Status { get; private set; }

        public ValueTask StartAsync(InvokeResponseHead head)
        {
            Status = head.Status;
            return ValueTask.CompletedTask;
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk) => ValueTask.CompletedTask;
    }
}
