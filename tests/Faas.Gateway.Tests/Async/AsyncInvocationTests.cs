using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Faas.Gateway.Async;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Async;

[Collection(PlatformGroup.Name)]
public sealed class AsyncInvocationTests(PlatformFixture platform, AsyncGatewayFixture fixture) : IClassFixture<AsyncGatewayFixture>
{
    private static readonly TimeSpan ResultTimeout = TimeSpan.FromMinutes(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queued_call_answers_202_and_its_result_equals_the_synchronous_answer()
    {
        await platform.EnsureSharedFunctionAsync();
        var client = await fixture.ClientAsync(platform);
        var payload = $"ping {Guid.NewGuid():N}";

        using var accepted = await SendAsync(client, HttpMethod.Post, "/async-function/hello/echo?x=1", platform.AdminKey, payload);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(id, accepted.Headers.GetValues("X-Call-Id").Single());
        Assert.Equal($"/system/async/{id}", accepted.Headers.Location?.OriginalString);

        var result = await AsyncTestCalls.WaitForResultAsync(client, id, platform.AdminKey, ResultTimeout);

        using var synchronous = await SendAsync(platform.Client, HttpMethod.Post, "/function/hello/echo?x=1", platform.AdminKey, payload);
        var expected = await synchronous.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, synchronous.StatusCode);
        Assert.Equal(id, result.GetProperty("id").GetString());
        Assert.Equal("done", result.GetProperty("status").GetString());
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.True(result.GetProperty("functionAnswered").GetBoolean());
        Assert.Equal("text", result.GetProperty("bodyEncoding").GetString());
        Assert.Equal(expected, result.GetProperty("body").GetString());
        Assert.Equal(payload, expected);
        Assert.Equal(1, result.GetProperty("attempts").GetInt32());
        Assert.Equal(AsyncGatewayFixture.ConsumerName, result.GetProperty("consumer").GetString());
        Assert.True(result.GetProperty("start").GetString() is "warm" or "restore" or "boot");
        Assert.StartsWith("i-", result.GetProperty("instance").GetString(), StringComparison.Ordinal);
        Assert.Contains(result.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "X-Call-Id" && h.GetProperty("value").GetString() == id);

        // The exporter caches a scrape briefly: ask until the completion shows.
        var text = "";
        for (var scrape = 0; scrape < 20 && !text.Contains("faas_async_completed_total{", StringComparison.Ordinal); scrape++)
        {
            await Task.Delay(scrape == 0 ? 0 : 250, Token);
            text = await client.GetStringAsync("/metrics", Token);
        }

        Assert.Contains("faas_async_enqueued_total", text, StringComparison.Ordinal);
        Assert.Matches("faas_async_completed_total\\{[^}]*result=\"done\"[^}]*\\} [1-9]", text);
        Assert.Contains("faas_async_queue_depth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_queued_calls_each_complete_once_with_their_own_answer()
    {
        await platform.EnsureSharedFunctionAsync();
        var client = await fixture.ClientAsync(platform);
        var payloads = Enumerable.Range(0, 10).Select(i => $"call {i} {Guid.NewGuid():N}").ToList();
        var ids = new List<string>();
        foreach (var payload in payloads)
        {
            using var accepted = await SendAsync(client, HttpMethod.Post, "/async-function/hello/echo", platform.AdminKey, payload);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            ids.Add(accepted.Headers.GetValues("X-Call-Id").Single());
        }

        var latencies = new List<double>();
        for (var i = 0; i < ids.Count; i++)
        {
            var result = await AsyncTestCalls.WaitForResultAsync(client, ids[i], platform.AdminKey, ResultTimeout);
            Assert.Equal(payloads[i], result.GetProperty("body").GetString());
            Assert.Equal(1, result.GetProperty("attempts").GetInt32());
            latencies.Add((result.GetProperty("completedAt").GetDateTimeOffset() - result.GetProperty("enqueuedAt").GetDateTimeOffset()).TotalMilliseconds);
        }

        latencies.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"10 queued calls: enqueue to result {latencies[0]:0} ms min, {latencies[latencies.Count / 2]:0} ms median, {latencies[^1]:0} ms max");
    }

    [Fact]
    public async Task Result_is_posted_to_the_callback_url()
    {
        await platform.EnsureSharedFunctionAsync();
        var client = await fixture.ClientAsync(platform);
        await using var listener = await CallbackListener.StartAsync();
        var payload = $"{{\"callback\":\"{Guid.NewGuid():N}\"}}";

        using var request = PlatformFixture.Request(HttpMethod.Post, "/async-function/hello/echo", platform.AdminKey);
        request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        request.Headers.Add("X-Callback-Url", listener.Url.ToString());
        using var accepted = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = accepted.Headers.GetValues("X-Call-Id").Single();

        var callback = await listener.NextAsync(ResultTimeout);

        Assert.Equal(payload, Encoding.UTF8.GetString(callback.Body));
        Assert.Equal("200", callback.Headers["X-Function-Status"]);
        Assert.Equal(id, callback.Headers["X-Call-Id"]);
        Assert.StartsWith("application/json", callback.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("ftp://127.0.0.1/result", "http or https")]
    [InlineData("not a url", "http or https")]
    public async Task Unacceptable_callback_urls_are_refused(string url, string reason)
    {
        var client = await fixture.ClientAsync(platform);
        using var request = PlatformFixture.Request(HttpMethod.Post, "/async-function/hello", platform.AdminKey);
        request.Headers.TryAddWithoutValidation("X-Callback-Url", url);

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_redis_asynchronous_calls_are_503()
    {
        using var response = await platform.SendAsync(HttpMethod.Post, "/async-function/hello", platform.AdminKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("asynchronous invocations need Redis (--redis / FAAS_REDIS)", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_and_keys_are_required()
    {
        var client = await fixture.ClientAsync(platform);
        using (var large = await SendAsync(client, HttpMethod.Post, "/async-function/hello/echo", platform.AdminKey, new string('x', (1024 * 1024) + 1)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        }

        using var anonymous = await SendAsync(client, HttpMethod.Post, "/async-function/hello/echo", null, "x");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_call_and_unknown_ids_are_404()
    {
        await platform.EnsureSharedFunctionAsync();
        var client = await fixture.ClientAsync(platform);
        using var accepted = await SendAsync(client, HttpMethod.Post, "/async-function/hello/echo", platform.AdminKey, "mine");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = accepted.Headers.GetValues("X-Call-Id").Single();

        foreach (var (path, key) in new[] { ($"/system/async/{id}", platform.OtherKey), ("/system/async/0123456789abcdef", platform.AdminKey), ("/system/async/nope", platform.AdminKey) })
        {
            using var response = await SendAsync(client, HttpMethod.Get, path, key, null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var result = await AsyncTestCalls.WaitForResultAsync(client, id, platform.AdminKey, ResultTimeout);
        Assert.Equal("mine", result.GetProperty("body").GetString());
        using var other = await SendAsync(client, HttpMethod.Get, $"/system/async/{id}", platform.OtherKey, null);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Platform_errors_are_retried_then_the_call_goes_to_the_dead_letters()
    {
        await platform.DeployAsync("async-slow", "\"timeout\":\"1s\"");
        var client = await fixture.ClientAsync(platform);

        using var accepted = await SendAsync(client, HttpMethod.Get, "/async-function/async-slow/sleep/5000", platform.AdminKey, null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = accepted.Headers.GetValues("X-Call-Id").Single();

        var result = await AsyncTestCalls.WaitForResultAsync(client, id, platform.AdminKey, ResultTimeout);

        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Equal(3, result.GetProperty("attempts").GetInt32());
        Assert.Equal(504, result.GetProperty("statusCode").GetInt32());
        Assert.False(result.GetProperty("functionAnswered").GetBoolean());
        Assert.Contains("504", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        var dead = await fixture.Redis.Database.StreamRangeAsync(AsyncKeys.DeadLetters);
        var letter = Assert.Single(dead, e => e["id"] == id);
        Assert.Equal(3, (int)letter["attempts"]);
        Assert.Contains("504", (string?)letter["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_taken_by_a_consumer_that_died_is_claimed_and_runs_once()
    {
        await platform.EnsureSharedFunctionAsync();
        var client = await fixture.ClientAsync(platform);
        var path = $"/once-{Guid.NewGuid():N}";
        var id = await TakeWithDeadConsumerAsync(path, arrangeResult: null);

        var result = await AsyncTestCalls.WaitForResultAsync(client, id, platform.AdminKey, ResultTimeout);

        Assert.Equal("done", result.GetProperty("status").GetString());
        Assert.Equal(404, result.GetProperty("statusCode").GetInt32());
        Assert.True(result.GetProperty("functionAnswered").GetBoolean());
        Assert.Equal(AsyncGatewayFixture.ConsumerName, result.GetProperty("consumer").GetString());
        Assert.Equal(1, await AsyncTestCalls.SettledLogCountAsync(platform, "hello", $"GET {path}"));
        await WaitUntilNothingPendingAsync();
        Assert.Equal(1, await AsyncTestCalls.CountLogLinesAsync(platform, "hello", $"GET {path}"));
    }

    [Fact]
    public async Task A_call_completed_but_not_acknowledged_is_not_run_again()
    {
        await platform.EnsureSharedFunctionAsync();
        var client = await fixture.ClientAsync(platform);
        var path = $"/done-{Guid.NewGuid():N}";
        var stored = $"{{\"id\":\"ID\",\"status\":\"done\",\"statusCode\":200,\"body\":\"{path}\"}}";
        var id = await TakeWithDeadConsumerAsync(path, arrangeResult: stored);

        await WaitUntilNothingPendingAsync();

        var result = await AsyncTestCalls.WaitForResultAsync(client, id, platform.AdminKey, ResultTimeout);
        Assert.Equal(path, result.GetProperty("body").GetString());
        Assert.Equal(0, await AsyncTestCalls.CountLogLinesAsync(platform, "hello", $"GET {path}"));
    }

    [Fact]
    public async Task A_callback_its_dead_consumer_owed_is_made_by_the_gateway_that_claims_the_call_and_only_once()
    {
        await platform.EnsureSharedFunctionAsync();
        await fixture.ClientAsync(platform);
        await using var listener = await CallbackListener.StartAsync();
        var path = $"/owed-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var stored = $$"""
            {"id":"ID","status":"done","function":"hello","statusCode":200,"functionAnswered":true,"headers":[{"name":"Content-Type","value":"text/plain"}],
             "body":"answered {{path}}","bodyEncoding":"text","attempts":1,"enqueuedAt":"{{now}}","startedAt":"{{now}}","completedAt":"{{now}}"}
            """;
        var id = await TakeWithDeadConsumerAsync(path, arrangeResult: stored, callbackUrl: listener.Url.ToString());

        var callback = await listener.NextAsync(ResultTimeout);
        await WaitUntilNothingPendingAsync();

        Assert.Equal($"answered {path}", Encoding.UTF8.GetString(callback.Body));
        Assert.Equal(id, callback.Headers["X-Call-Id"]);
        Assert.Equal("200", callback.Headers["X-Function-Status"]);
        Assert.Equal("delivered", (string?)await fixture.Redis.Database.HashGetAsync(AsyncKeys.Call(id), "callback"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.NextAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(0, await AsyncTestCalls.CountLogLinesAsync(platform, "hello", $"GET {path}"));
    }

    /// <summary>
    /// Queues a GET of <paramref name="path"/> on "hello" and, in the same script, takes it as a consumer that never
    /// acknowledges anything (one that died right after XREADGROUP). With <paramref name="arrangeResult"/>, the call also
    /// already has that result, as when its consumer died between storing the result and acknowledging it.
    /// </summary>
    private async Task<string> TakeWithDeadConsumerAsync(string path, string? arrangeResult, string? callbackUrl = null)
    {
        var database = fixture.Redis.Database;
        var id = Faas.Gateway.Invocation.CallIds.Next();
        var message = new AsyncCallMessage(id, "default", "hello", "GET", path, [], ReadOnlyMemory<byte>.Empty, callbackUrl, DateTimeOffset.UtcNow);
        await database.HashSetAsync(AsyncKeys.Call(id), [new("tenant", "default"), new("function", "hello"), new("status", "queued"), new("attempts", 0)]);
        if (arrangeResult is not null)
        {
            await database.HashSetAsync(AsyncKeys.Call(id), [new("status", "done"), new("result", arrangeResult.Replace("ID", id, StringComparison.Ordinal))]);
        }

        var arguments = message.ToEntries().SelectMany(e => new StackExchange.Redis.RedisValue[] { e.Name, e.Value }).ToArray();
        var taken = await database.ScriptEvaluateAsync(
            """
            local id = redis.call('XADD', KEYS[1], '*', unpack(ARGV))
            redis.call('XREADGROUP', 'GROUP', KEYS[2], 'dead-consumer', 'COUNT', 1000, 'STREAMS', KEYS[1], '>')
            return id
            """,
            [AsyncKeys.Stream, AsyncKeys.Group],
            arguments);
        var pending = await database.StreamPendingMessagesAsync(AsyncKeys.Stream, AsyncKeys.Group, 10, "dead-consumer");
        Assert.Contains(pending, p => p.MessageId == (string?)taken);
        return id;
    }

    private async Task WaitUntilNothingPendingAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await fixture.Redis.Database.StreamPendingAsync(AsyncKeys.Stream, AsyncKeys.Group)).PendingMessageCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the stream still has calls taken but not acknowledged");
            await Task.Delay(200, Token);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? key, string? text)
    {
        using var request = PlatformFixture.Request(method, path, key);
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8, new MediaTypeHeaderValue("text/plain"));
        }

        return await client.SendAsync(request, Token);
    }
}
