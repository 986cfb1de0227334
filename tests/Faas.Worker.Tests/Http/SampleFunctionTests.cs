using Faas.Tests.Shared;
using System.Net;
using System.Net.Http.Headers;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Http;

/// <summary>The samples, deployed from the loopback registry, answer their contract through the worker's HTTP endpoint.</summary>
[Collection(WorkerGroup.Name)]
public sealed class SampleFunctionTests(WorkerFixture worker)
{
    public static TheoryData<string> Samples => [SampleImages.Busybox, SampleImages.Python, SampleImages.Dotnet];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Root_status_and_env_answer_with_the_functions_status_headers_and_body(string sample)
    {
        await worker.DeploySampleAsync(sample);

        using var root = await worker.Client.GetAsync(WorkerFixture.PathOf(sample, "/"), Token);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal($"hello from {sample}\n", await root.Content.ReadAsStringAsync(Token));
        Assert.Equal("text/plain", root.Content.Headers.ContentType?.MediaType);
        Assert.True(Responses.Start(root) is "restore" or "warm", $"start: {Responses.Start(root)}");
        Assert.StartsWith("i-", Responses.Instance(root), StringComparison.Ordinal);

        using var teapot = await worker.Client.GetAsync(WorkerFixture.PathOf(sample, "/status/418"), Token);
        Assert.Equal((HttpStatusCode)418, teapot.StatusCode);
        Assert.Equal("status 418\n", await teapot.Content.ReadAsStringAsync(Token));

        using var port = await worker.Client.GetAsync(WorkerFixture.PathOf(sample, "/env/PORT"), Token);
        Assert.Equal("8080", await port.Content.ReadAsStringAsync(Token));

        using var missing = await worker.Client.GetAsync(WorkerFixture.PathOf(sample, "/env/NOT_SET_ANYWHERE"), Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Request_headers_reach_the_function_and_its_headers_come_back_without_hop_by_hop_ones(string sample)
    {
        await worker.DeploySampleAsync(sample);
        using var request = new HttpRequestMessage(HttpMethod.Post, WorkerFixture.PathOf(sample, "/echo?x=1"))
        {
            Content = new StringContent("{\"a\":1}"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-faas-test");
        request.Headers.Add("Keep-Alive", "timeout=5");

        using var response = await worker.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-faas-test", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(7, response.Content.Headers.ContentLength);
        Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync(Token));
        Assert.NotEqual(true, response.Headers.ConnectionClose);
    }

    [Fact]
    public async Task Paths_and_queries_reach_the_function_as_the_client_sent_them()
    {
        await worker.DeploySampleAsync(SampleImages.Python);

        using var root = await worker.Client.GetAsync($"/{WorkerFixture.Tenant}/{SampleImages.Python}?greeting=1", Token);
        using var unknown = await worker.Client.GetAsync(WorkerFixture.PathOf(SampleImages.Python, "/no/such/path"), Token);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_function_that_is_not_deployed_is_a_404_problem()
    {
        using var response = await worker.Client.GetAsync(WorkerFixture.PathOf("never-deployed", "/"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("tests/never-deployed", problem.Function);
    }
}
