using Faas.Tests.Shared;
using System.Net;
using Faas.Guest.Artifacts;
using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;
using Faas.Vmm.Qemu;
using Faas.Worker.Http;
using Faas.Worker.Images;
using InstanceManager = Faas.Worker.Instances.InstanceManager;
using InstanceManagerOptions = Faas.Worker.Instances.InstanceManagerOptions;

namespace Faas.Scheduler.Tests.Functions;

/// <summary>The scheduler over a real worker: the instance manager on QEMU (TCG) with the busybox-http sample from the loopback registry.</summary>
public sealed class RealWorkerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deployed_sample_is_restored_for_its_first_call_then_served_warm_through_the_leased_instance()
    {
        var startedRegistry = await SampleImages.EnsureAsync();
        var snapshots = Directory.CreateTempSubdirectory("faas-scheduler-snapshots-");
        var guest = await new GuestArtifacts().EnsureAsync(cancellationToken: Token);
        var manager = new InstanceManager(
            new QemuBackend(new QemuOptions { Accelerator = QemuAccelerator.Tcg }),
            guest,
            new ImageStore(new ImageStoreOptions()),
            new InstanceManagerOptions { CacheRoot = snapshots.FullName, BackendKey = "qemu/tcg" });
        var endpoint = WorkerHost.Create(manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
        try
        {
            await endpoint.StartAsync(Token);
            var url = WorkerHost.Addresses(endpoint)[0].ToString().TrimEnd('/');
            await using var cluster = await SchedulerCluster.StartAsync([new TestWorker("qemu", 2048, manager, Endpoint: url)]);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var function = cluster.Function("busybox");

            var deployed = await function.DeployAsync(new FunctionSpec { Image = SampleImages.Reference("busybox-http") }, DeployMode.Create);
            var first = await function.LeaseAsync();
            using var restored = await CallAsync(http, first);
            await function.ReleaseAsync(first.LeaseId!, LeaseOutcome.Completed);
            var second = await function.LeaseAsync();
            using var warm = await CallAsync(http, second);
            await function.ReleaseAsync(second.LeaseId!, LeaseOutcome.Completed);
            var logs = await function.GetLogsAsync(new LogQuery());
            var removed = await function.RemoveAsync();

            Assert.Equal(DeployStatus.Created, deployed.Status);
            Assert.Equal("ready", deployed.Function!.SnapshotState);
            Assert.StartsWith("sha256:", deployed.Function.ImageDigest, StringComparison.Ordinal);
            Assert.Equal((LeaseStatus.Leased, url), (first.Status, first.WorkerUrl));
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            Assert.Equal("hello from busybox-http\n", await restored.Content.ReadAsStringAsync(Token));
            Assert.Equal("restore", Header(restored, "X-Faas-Start"));
            Assert.Equal(first.InstanceId, second.InstanceId);
            Assert.Equal("warm", Header(warm, "X-Faas-Start"));
            Assert.Contains(logs.Lines, line => line.Stream == "platform" && line.Version == 1);
            Assert.True(removed);
            Assert.Empty(manager.ListInstances());
        }
        finally
        {
            await endpoint.StopAsync(CancellationToken.None);
            await endpoint.DisposeAsync();
            await manager.DisposeAsync();
            snapshots.Delete(recursive: true);
            if (startedRegistry)
            {
                await SampleImages.StopRegistryAsync();
            }
        }
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient http, FunctionLease lease)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{lease.WorkerUrl}/acme/{lease.WorkerFunction}/");
        request.Headers.Add(WorkerHeaders.Instance, lease.InstanceId);
        return http.SendAsync(request, Token);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
