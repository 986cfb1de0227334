using Faas.Tests.Shared;
using System.Net;
using Faas.Guest.Artifacts;
using Faas.Vmm.Backend;
using Faas.Vmm.Host;
using Faas.Worker.Functions;
using Faas.Worker.Http;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>
/// A real function on the built-in VMM: deploy (boot to ready, snapshot), restore, invoke. Needs hardware virtualization;
/// on other hosts (kvm_pvm emulates guest kernel mode, so Linux cannot boot) it is skipped with the reason.
/// </summary>
public sealed class KvmFunctionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_function_deployed_on_the_kvm_backend_restores_and_answers_then_stays_warm()
    {
        var host = new HostVirtualizationProbe().Detect();
        if (host.Kvm != KvmKind.Hardware)
        {
            HardwareVirtualizationSkip.Because($"needs hardware KVM (VMX/SVM); /dev/kvm here is {host.Kvm}: {host.KvmDetail}");
        }

        var startedRegistry = await SampleImages.EnsureAsync();
        using var snapshots = new TemporaryDirectory("faas-kvm-snapshots-");
        using var backend = new KvmBackend(new KvmBackendOptions(), host);
        await using var manager = new InstanceManager(
            backend,
            await new GuestArtifacts().EnsureAsync(cancellationToken: Token),
            new ImageStore(new ImageStoreOptions()),
            new InstanceManagerOptions { CacheRoot = snapshots.Path, BackendKey = "kvm/kvm" });
        await using var app = WorkerHost.Create(manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = WorkerHost.Addresses(app)[0] };
        try
        {
            var deployed = await manager.DeployAsync(WorkerFixture.Sample("on-kvm", SampleImages.Busybox), cancellationToken: Token);
            using var first = await client.GetAsync(WorkerFixture.PathOf("on-kvm", "/"), Token);
            using var second = await client.GetAsync(WorkerFixture.PathOf("on-kvm", "/random"), Token);

            Assert.Equal(Faas.Worker.Snapshots.SnapshotState.Ready, deployed.Snapshot.State);
            Assert.Equal((HttpStatusCode.OK, "restore"), (first.StatusCode, Responses.Start(first)));
            Assert.Equal("hello from busybox-http\n", await first.Content.ReadAsStringAsync(Token));
            Assert.Equal((HttpStatusCode.OK, "warm"), (second.StatusCode, Responses.Start(second)));
            Assert.Equal(64, (await second.Content.ReadAsStringAsync(Token)).Length);
        }
        finally
        {
            await app.StopAsync(Token);
            if (startedRegistry)
            {
                await SampleImages.StopRegistryAsync();
            }
        }
    }
}
