using System.Net;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Platform;

/// <summary>Deploy through the gateway, then call: restore first, warm next; unknown functions and missing keys get problems.</summary>
[Collection(PlatformGroup.Name)]
public sealed class InvocationTests(PlatformFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_call_after_a_deploy_restores_the_snapshot_and_the_next_is_warm()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("hello", SampleImages.Reference("busybox-http")));

        using var first = await client.GetAsync("/function/hello", Token);
        using var second = await client.GetAsync("/function/hello/", Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("hello from busybox-http\n", await first.Content.ReadAsStringAsync(Token));
        Assert.Equal(("restore", "warm"), (Gateway.Start(first), Gateway.Start(second)));
        Assert.Equal(Gateway.Instance(first), Gateway.Instance(second));
        Assert.Equal("1", Gateway.Version(first));
        Assert.True(first.Headers.Contains("X-Call-Id"));
    }

    [Fact]
    public async Task Paths_queries_methods_and_bodies_reach_the_function_and_the_key_does_not()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("paths", SampleImages.Reference("busybox-http"), spec => spec["envVars"] = new System.Text.Json.Nodes.JsonObject { ["GREETING"] = "hi" }));

        using var env = await client.GetAsync("/function/paths/env/GREETING", Token);
        using var status = await client.GetAsync("/function/paths/status/418?x=1", Token);
        using var echo = await client.PostAsync("/function/paths/echo", new StringContent("ping"), Token);
        using var authorization = await client.GetAsync("/function/paths/env/HTTP_AUTHORIZATION", Token);
        using var custom = new HttpRequestMessage(HttpMethod.Get, "/function/paths/env/HTTP_X_CUSTOM");
        custom.Headers.Add("X-Custom", "passes");
        using var customResponse = await client.SendAsync(custom, Token);

        Assert.Equal("hi", await env.Content.ReadAsStringAsync(Token));
        Assert.Equal((HttpStatusCode)418, status.StatusCode);
        Assert.Equal("ping", await echo.Content.ReadAsStringAsync(Token));
        Assert.Equal("passes", await customResponse.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, authorization.StatusCode);
    }

    [Fact]
    public async Task An_unknown_function_is_a_404_problem()
    {
        using var client = fixture.Platform.Client();

        using var response = await client.GetAsync("/function/no-such-function", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-function", Gateway.Detail(await Gateway.ProblemAsync(response)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("faas_not-a-real-key")]
    public async Task A_call_without_a_valid_key_is_401_with_a_bearer_challenge(string key)
    {
        using var client = fixture.Platform.Client(key);

        using var call = await client.GetAsync("/function/hello", Token);
        using var list = await client.GetAsync("/system/functions", Token);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (call.StatusCode, list.StatusCode));
        Assert.Equal("Bearer", Assert.Single(call.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Health_and_metrics_answer_without_a_key_and_metrics_count_calls_by_start_kind()
    {
        using var anonymous = fixture.Platform.Client("");
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("metered", SampleImages.Reference("busybox-http")));
        using var call = await client.GetAsync("/function/metered", Token);

        using var health = await anonymous.GetAsync("/healthz", Token);
        var metrics = await anonymous.GetStringAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("faas_invocations_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("faas_instances{", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("metered", metrics, StringComparison.Ordinal);
    }
}
