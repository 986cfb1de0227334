using Faas.Tests.Shared;
using System.Net;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Http;

/// <summary>Request and response size limits.</summary>
[Collection(WorkerGroup.Name)]
public sealed class LimitTests(WorkerFixture worker)
{
    private const string Function = "limited";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_body_over_the_limit_gets_413_without_reaching_the_function()
    {
        await DeployAsync();

        using var content = new ByteArrayContent(new byte[5000]);
        using var response = await worker.Client.PostAsync(WorkerFixture.PathOf(Function, "/echo"), content, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("4096 bytes", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_over_the_limit_is_cut_and_its_instance_recycled()
    {
        await DeployAsync();

        using var content = new ByteArrayContent(new byte[3000]);
        using var response = await worker.Client.PostAsync(WorkerFixture.PathOf(Function, "/echo"), content, Token);
        var recycled = Responses.Instance(response);
        using var next = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/"), Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("larger than its limit of 2048 bytes", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(recycled, Responses.Instance(next));
    }

    private Task<Faas.Worker.Instances.FunctionStatus> DeployAsync() => worker.DeployOnceAsync(WorkerFixture.Sample(Function, SampleImages.Busybox) with
    {
        MaxRequestBytes = 4096,
        MaxResponseBytes = 2048,
    });
}
