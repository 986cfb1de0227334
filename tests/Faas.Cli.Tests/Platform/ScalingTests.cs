using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Platform;

/// <summary>maxInstances back-pressure, redeploys under load, and scale to zero after keepAlive.</summary>
[Collection(PlatformGroup.Name)]
public sealed class ScalingTests(PlatformFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_max_instances_a_call_waits_in_the_queue_then_gets_429_with_retry_after()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("capped", SampleImages.Reference("busybox-http"), spec => spec["maxInstances"] = 1));
        using var warmup = await client.GetAsync("/function/capped", Token);

        var slow = client.GetAsync("/function/capped/sleep/6000", Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        var waited = Stopwatch.StartNew();
        using var rejected = await client.GetAsync("/function/capped", Token);
        waited.Stop();
        using var slowResponse = await slow;
        using var afterwards = await client.GetAsync("/function/capped", Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.NotNull(rejected.Headers.RetryAfter);
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1.5), $"rejected after {waited.Elapsed.TotalMilliseconds:0} ms, before the queue wait");
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "warm"), (afterwards.StatusCode, Gateway.Start(afterwards)));
    }

    [Fact]
    public async Task A_queued_call_gets_the_instance_when_it_frees_up_within_the_wait()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("queued", SampleImages.Reference("busybox-http"), spec => spec["maxInstances"] = 1));
        using var warmup = await client.GetAsync("/function/queued", Token);

        var slow = client.GetAsync("/function/queued/sleep/700", Token);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Token);
        using var queued = await client.GetAsync("/function/queued", Token);
        using var slowResponse = await slow;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (slowResponse.StatusCode, queued.StatusCode));
        Assert.Equal(Gateway.Instance(slowResponse), Gateway.Instance(queued));
    }

    [Fact]
    public async Task A_redeploy_moves_calls_to_the_new_version_without_a_failed_call()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("rolling", SampleImages.Reference("busybox-http"), spec => spec["envVars"] = new JsonObject { ["V"] = "1" }));
        using var before = await client.GetAsync("/function/rolling/env/V", Token);
        Assert.Equal("1", await before.Content.ReadAsStringAsync(Token));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var failures = new List<string>();
        var answers = new List<string>();
        var load = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var response = await client.GetAsync("/function/rolling/env/V", Token);
                    var body = await response.Content.ReadAsStringAsync(Token);
                    lock (answers)
                    {
                        (response.IsSuccessStatusCode ? answers : failures).Add($"{(int)response.StatusCode} v{Gateway.Version(response)} {body}");
                    }
                }
            },
            Token);
        await Gateway.DeployAsync(client, Gateway.Deploy("rolling", SampleImages.Reference("busybox-http"), spec => spec["envVars"] = new JsonObject { ["V"] = "2" }), update: true);
        using var after = await client.GetAsync("/function/rolling/env/V", Token);
        await stop.CancelAsync();
        await load;

        Assert.Empty(failures);
        Assert.Equal(("2", "2"), (await after.Content.ReadAsStringAsync(Token), Gateway.Version(after)));
        Assert.NotEmpty(answers);
        var described = await Gateway.DescribeAsync(client, "rolling");
        Assert.Equal(2, described["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task After_keep_alive_without_calls_the_function_has_no_instance_and_the_next_call_restores()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("idle", SampleImages.Reference("busybox-http"), spec => spec["keepAlive"] = "2s"));
        using var first = await client.GetAsync("/function/idle", Token);
        Assert.Equal("restore", Gateway.Start(first));

        var deadline = Stopwatch.StartNew();
        JsonArray instances;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Token);
            instances = (await Gateway.DescribeAsync(client, "idle"))["instances"]!.AsArray();
        }
        while (instances.Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(30));
        using var next = await client.GetAsync("/function/idle", Token);

        Assert.Empty(instances);
        Assert.Equal((HttpStatusCode.OK, "restore"), (next.StatusCode, Gateway.Start(next)));
    }
}
