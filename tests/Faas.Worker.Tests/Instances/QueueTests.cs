using Faas.Tests.Shared;
using System.Net;
using Faas.Vmm.Qemu;
using Faas.Worker.Functions;
using Faas.Worker.Http;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>Calls beyond a function's instance cap wait briefly for one to free up, then get 429.</summary>
[Collection(WorkerGroup.Name)]
public sealed class QueueTests(WorkerFixture worker)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_beyond_the_cap_waits_for_a_free_instance_or_gets_429()
    {
        await using var manager = new InstanceManager(
            new QemuBackend(),
            worker.Guest,
            new ImageStore(new ImageStoreOptions()),
            new InstanceManagerOptions { CacheRoot = worker.CacheRoot, BackendKey = "qemu/tcg", QueueTimeout = TimeSpan.FromSeconds(1) });
        await using var app = WorkerHost.Create(manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = WorkerHost.Addresses(app)[0] };
        await manager.DeployAsync(
            WorkerFixture.Sample("capped", SampleImages.Busybox) with
            {
                Overrides = new FunctionOverrides(Entrypoint: ["/bin/busybox", "nc", "-ll", "-p", "8080", "-e", "/bin/busybox", "sleep", "3600"]),
                Timeout = TimeSpan.FromSeconds(4),
                MaxInstances = 1,
            },
            cancellationToken: Token);

        var occupying = client.GetAsync(WorkerFixture.PathOf("capped", "/"), Token);
        await WaitUntilBusyAsync(manager);
        using var rejected = await client.GetAsync(WorkerFixture.PathOf("capped", "/"), Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        var problem = await Problem.ReadAsync(rejected);
        Assert.Contains("all of its 1 instances busy", problem.Detail, StringComparison.Ordinal);
        using var timedOut = await occupying;
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        await app.StopAsync(Token);
    }

    private static async Task WaitUntilBusyAsync(InstanceManager manager)
    {
        for (var attempt = 0; attempt < 600 && !manager.ListInstances().Any(i => i.State == InstanceState.Busy); attempt++)
        {
            await Task.Delay(50, Token);
        }
    }
}
