using Faas.Worker.Http;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Http;

[Collection(WorkerGroup.Name)]
public sealed class WorkerKeyTests(WorkerFixture worker)
{
    [Fact]
    public async Task A_worker_may_listen_beyond_loopback_only_with_a_key()
    {
        var refused = Assert.Throws<ArgumentException>(() => WorkerHost.Create(worker.Manager, new WorkerHostOptions { Urls = ["http://0.0.0.0:0"] }));
        var keyed = WorkerHost.Create(worker.Manager, new WorkerHostOptions { Urls = ["http://0.0.0.0:0"], WorkerKey = "k3y" });
        await keyed.DisposeAsync();

        Assert.Contains("FAAS_WORKER_KEY", refused.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_key_it_answers_only_requests_that_carry_the_key_except_the_health_probe()
    {
        await using var app = WorkerHost.Create(worker.Manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"], WorkerKey = "k3y" });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = WorkerHost.Addresses(app)[0] };

        using var without = await client.GetAsync("/_faas/instances", TestContext.Current.CancellationToken);
        using var health = await client.GetAsync("/_faas/health", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_faas/instances");
        request.Headers.TryAddWithoutValidation(WorkerHeaders.WorkerKey, "k3y");
        using var with = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(["key"], without.Headers.GetValues(WorkerHeaders.Refused));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, with.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
