using Faas.Tests.Shared;
using System.Globalization;
using System.Net;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Invocation;

[Collection(PlatformGroup.Name)]
public sealed class InvocationTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_call_after_a_deploy_restores_and_the_next_one_is_warm_on_the_same_instance()
    {
        await platform.DeployAsync("first-calls");

        using var first = await platform.SendAsync(HttpMethod.Get, "/function/first-calls", platform.AdminKey);
        using var second = await platform.SendAsync(HttpMethod.Get, "/function/first-calls/", platform.AdminKey);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("hello from busybox-http\n", await first.Content.ReadAsStringAsync(Token));
        Assert.Equal("restore", Header(first, "X-Faas-Start"));
        Assert.Equal("warm", Header(second, "X-Faas-Start"));
        Assert.StartsWith("i-", Header(first, "X-Faas-Instance"), StringComparison.Ordinal);
        Assert.Equal(Header(first, "X-Faas-Instance"), Header(second, "X-Faas-Instance"));
        Assert.Equal("1", Header(first, "X-Faas-Version"));
        Assert.Matches("^[0-9a-f]{16}$", Header(first, "X-Call-Id"));
        Assert.NotEqual(Header(first, "X-Call-Id"), Header(second, "X-Call-Id"));
        Assert.InRange(double.Parse(Header(first, "X-Duration-Seconds")!, CultureInfo.InvariantCulture), 0, 60);
    }

    [Fact]
    public async Task Method_path_query_headers_and_body_reach_the_function_and_its_status_comes_back()
    {
        await platform.EnsureSharedFunctionAsync();
        using var request = PlatformFixture.Request(HttpMethod.Post, "/function/hello/echo?x=1", platform.AdminKey);
        request.Content = new ByteArrayContent("{\"a\":1}"u8.ToArray());
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-faas-test");
        using var echo = await platform.Client.SendAsync(request, Token);
        using var teapot = await platform.SendAsync(HttpMethod.Get, "/function/hello/status/418", platform.AdminKey);
        using var missing = await platform.SendAsync(HttpMethod.Get, "/function/hello/no/such/path", platform.AdminKey);

        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        Assert.Equal("application/x-faas-test", echo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"a\":1}", await echo.Content.ReadAsStringAsync(Token));
        Assert.Equal((HttpStatusCode)418, teapot.StatusCode);
        Assert.Equal("status 418\n", await teapot.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/plain", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_large_body_streams_both_ways()
    {
        await platform.EnsureSharedFunctionAsync();
        var payload = new byte[5 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        using var request = PlatformFixture.Request(HttpMethod.Post, "/function/hello/echo", platform.AdminKey);
        request.Content = new ByteArrayContent(payload);

        using var response = await platform.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task The_function_sees_the_call_id_but_not_the_key_nor_platform_headers_from_the_client()
    {
        await platform.EnsureSharedFunctionAsync();

        using var callId = await CallWithHeadersAsync("/function/hello/env/HTTP_X_CALL_ID");
        using var custom = await CallWithHeadersAsync("/function/hello/env/HTTP_X_CUSTOM");
        using var authorization = await CallWithHeadersAsync("/function/hello/env/HTTP_AUTHORIZATION");
        using var platformHeader = await CallWithHeadersAsync("/function/hello/env/HTTP_X_FAAS_SNEAKY");

        Assert.Equal(Header(callId, "X-Call-Id"), await callId.Content.ReadAsStringAsync(Token));
        Assert.Equal("kept", await custom.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, authorization.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, platformHeader.StatusCode);
    }

    [Fact]
    public async Task A_function_that_does_not_exist_is_404_and_a_name_that_cannot_exist_too()
    {
        using var missing = await platform.SendAsync(HttpMethod.Get, "/function/never-deployed/x", platform.AdminKey);
        using var invalid = await platform.SendAsync(HttpMethod.Get, "/function/Not_A_Name", platform.AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("never-deployed", (await Problem.ReadAsync(missing)).Function);
        Assert.Matches("^[0-9a-f]{16}$", Header(missing, "X-Call-Id"));
        Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);
        await Problem.ReadAsync(invalid);
    }

    [Fact]
    public async Task At_max_instances_with_the_queue_wait_over_a_call_gets_429_with_retry_after()
    {
        await platform.DeployAsync("one-at-a-time", "\"maxInstances\":1");
        using (var warmUp = await platform.SendAsync(HttpMethod.Get, "/function/one-at-a-time/", platform.AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var slow = platform.SendAsync(HttpMethod.Get, "/function/one-at-a-time/sleep/4000", platform.AdminKey);
        await Task.Delay(500, Token);
        using var refused = await platform.SendAsync(HttpMethod.Get, "/function/one-at-a-time/", platform.AdminKey);
        using var slowResponse = await slow;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = await Problem.ReadAsync(refused);
        Assert.Equal("one-at-a-time", problem.Function);
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
        Assert.Equal("slept 4000 ms\n", await slowResponse.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_bodyless_call_whose_instance_vanished_goes_to_another_instance()
    {
        await platform.DeployAsync("vanishing");
        using var first = await platform.SendAsync(HttpMethod.Get, "/function/vanishing/", platform.AdminKey);
        var instance = Header(first, "X-Faas-Instance")!;

        Assert.True(await platform.Manager.StopInstanceAsync(instance, Token));
        using var second = await platform.SendAsync(HttpMethod.Get, "/function/vanishing/", platform.AdminKey);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("hello from busybox-http\n", await second.Content.ReadAsStringAsync(Token));
        Assert.NotEqual(instance, Header(second, "X-Faas-Instance"));
        Assert.Equal("restore", Header(second, "X-Faas-Start"));
    }

    [Fact]
    public async Task A_call_with_a_body_whose_instance_vanished_is_told_to_retry()
    {
        await platform.DeployAsync("vanishing-body");
        using var first = await platform.SendAsync(HttpMethod.Get, "/function/vanishing-body/", platform.AdminKey);
        var instance = Header(first, "X-Faas-Instance")!;

        Assert.True(await platform.Manager.StopInstanceAsync(instance, Token));
        using var request = PlatformFixture.Request(HttpMethod.Post, "/function/vanishing-body/echo", platform.AdminKey);
        request.Content = new StringContent("payload");
        using var refused = await platform.Client.SendAsync(request, Token);
        using var retried = await platform.SendAsync(HttpMethod.Post, "/function/vanishing-body/echo", platform.AdminKey, "\"again\"");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = await Problem.ReadAsync(refused);
        Assert.Equal("Instance went away", problem.Title);
        Assert.Contains("retry", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("\"again\"", await retried.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_redeploy_while_calls_run_fails_no_call_and_moves_calls_to_the_new_version()
    {
        await platform.DeployAsync("rolling", "\"envVars\":{\"RELEASE\":\"one\"}");
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 2).Select(_ => CallUntilAsync("/function/rolling/env/RELEASE", stop.Token)).ToList();
        await Task.Delay(1000, Token);

        using var update = await platform.SendAsync(
            HttpMethod.Put,
            "/system/functions",
            platform.AdminKey,
            $$$"""{"service":"rolling","image":"{{{SampleImages.Reference(SampleImages.Busybox)}}}","envVars":{"RELEASE":"two"}}""");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Contains("\"version\":2", await update.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await Task.Delay(1500, Token);
        await stop.CancelAsync();
        var perCaller = await Task.WhenAll(callers);
        var results = perCaller.SelectMany(calls => calls).ToList();

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Contains(results, result => result is { Version: "1", Body: "one" });
        Assert.Contains(results, result => result is { Version: "2", Body: "two" });
        Assert.All(results, result => Assert.Equal(result.Version == "1" ? "one" : "two", result.Body));
        foreach (var calls in perCaller)
        {
            // Each caller's calls are sequential: once one reached version 2, none went back to version 1.
            Assert.All(calls.SkipWhile(result => result.Version == "1"), result => Assert.Equal("2", result.Version));
        }
    }

    [Fact]
    public async Task The_path_and_query_reach_the_function_percent_encoded_as_sent()
    {
        await platform.DeployAsync("raw-paths");

        using var response = await platform.SendAsync(HttpMethod.Get, "/function/raw-paths/no%2Fsuch%20thing?q=a%20b&r=%2F", platform.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // busybox-http logs each request target as it received it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<string> texts;
        do
        {
            await Task.Delay(200, Token);
            using var log = await platform.SendAsync(HttpMethod.Get, "/system/logs?name=raw-paths", platform.AdminKey);
            texts = [.. (await log.Content.ReadAsStringAsync(Token))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)];
        }
        while (!texts.Any(text => text.Contains("no%2Fsuch", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);

        Assert.Contains("busybox-http GET /no%2Fsuch%20thing?q=a%20b&r=%2F", texts);
    }

    private async Task<HttpResponseMessage> CallWithHeadersAsync(string path)
    {
        using var request = PlatformFixture.Request(HttpMethod.Get, path, platform.AdminKey);
        request.Headers.Add("X-Custom", "kept");
        request.Headers.Add("X-Faas-Sneaky", "yes");
        request.Headers.Add("X-Faas-Instance", "i-000000000000");
        return await platform.Client.SendAsync(request, Token);
    }

    private async Task<List<CallResult>> CallUntilAsync(string path, CancellationToken stop)
    {
        var results = new List<CallResult>();
        while (!stop.IsCancellationRequested)
        {
            using var response = await platform.SendAsync(HttpMethod.Get, path, platform.AdminKey);
            results.Add(new CallResult(response.StatusCode, Header(response, "X-Faas-Version"), await response.Content.ReadAsStringAsync(Token)));
        }

        return results;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private sealed record CallResult(HttpStatusCode Status, string? Version, string Body);
}
