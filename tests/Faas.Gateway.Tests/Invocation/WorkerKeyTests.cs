using System.Net;
using Faas.Gateway.Tests.Platform;

namespace Faas.Gateway.Tests.Invocation;

/// <summary>A worker with a key answers the gateway (which sends it) and nobody else: tenants' API keys cannot be bypassed.</summary>
[Collection(PlatformGroup.Name)]
public sealed class WorkerKeyTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_worker_answers_calls_through_the_gateway_and_refuses_them_without_its_key()
    {
        await platform.DeployAsync("keyed");
        using var throughGateway = await platform.SendAsync(HttpMethod.Get, "/function/keyed", platform.AdminKey);
        using var direct = new HttpClient { BaseAddress = platform.WorkerUrl };

        using var withoutKey = await direct.GetAsync("/default/keyed--1/", Token);
        using var withWrongKey = await SendAsync(direct, HttpMethod.Get, "/default/keyed--1/", "not-the-key");
        using var controlWithoutKey = await direct.GetAsync("/_faas/functions", Token);
        using var withKey = await SendAsync(direct, HttpMethod.Get, "/default/keyed--1/", platform.WorkerKey);
        using var health = await direct.GetAsync("/_faas/health", Token);

        Assert.Equal(HttpStatusCode.OK, throughGateway.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal("application/problem+json", withoutKey.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Faas-Worker-Key", await withoutKey.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, controlWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal("hello from busybox-http\n", await withKey.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string workerKey)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("X-Faas-Worker-Key", workerKey);
        return await client.SendAsync(request, Token);
    }
}
