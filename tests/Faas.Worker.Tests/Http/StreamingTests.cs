using Faas.Tests.Shared;
using System.Net;
using System.Security.Cryptography;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Http;

/// <summary>Large bodies stream both ways, and many calls at once all get an answer.</summary>
[Collection(WorkerGroup.Name)]
public sealed class StreamingTests(WorkerFixture worker)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SampleImages.Busybox)]
    [InlineData(SampleImages.Python)]
    public async Task A_20_MB_body_goes_through_echo_and_comes_back_intact(string sample)
    {
        await worker.DeploySampleAsync(sample);
        var body = RandomNumberGenerator.GetBytes(20_000_000);

        using var content = new ByteArrayContent(body);
        using var response = await worker.Client.PostAsync(WorkerFixture.PathOf(sample, "/echo"), content, Token);
        await using var stream = await response.Content.ReadAsStreamAsync(Token);
        var echoed = await SHA256.HashDataAsync(stream, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(body)), Convert.ToHexString(echoed));
    }

    [Fact]
    public async Task Sixteen_concurrent_calls_all_succeed()
    {
        var definition = WorkerFixture.Sample("concurrent", SampleImages.Busybox) with { MaxInstances = 4 };
        await worker.DeployOnceAsync(definition);

        var calls = Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await worker.Client.GetAsync(WorkerFixture.PathOf("concurrent", $"/status/{200 + i}"), Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Token), Responses.Instance(response));
        });
        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(200, 16), results.Select(r => r.Item1));
        Assert.All(results, r => Assert.Equal(r.Item1 is 204 or 205 or 304 ? "" : $"status {r.Item1}\n", r.Item2));
        var instances = results.Select(r => r.Item3).Distinct().ToList();
        Assert.InRange(instances.Count, 1, 4);
    }
}
