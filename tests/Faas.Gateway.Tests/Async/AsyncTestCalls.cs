using System.Net;
using System.Text.Json;
using Faas.Gateway.Tests.Platform;

namespace Faas.Gateway.Tests.Async;

/// <summary>Waiting for asynchronous results and counting a function's executions in its log.</summary>
internal static class AsyncTestCalls
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Polls <c>GET /system/async/{id}</c> until it answers 200 (every 202 on the way is checked for its shape).</summary>
    public static async Task<JsonElement> WaitForResultAsync(HttpClient client, string id, string key, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var request = PlatformFixture.Request(HttpMethod.Get, $"/system/async/{id}", key);
            using var response = await client.SendAsync(request, Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body).RootElement.Clone();
            }

            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"GET /system/async/{id}: {(int)response.StatusCode} {body}");
            var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
            Assert.True(status is "queued" or "running", $"unexpected status {status}");
            Assert.True(DateTime.UtcNow < deadline, $"call {id} did not finish within {timeout}: last {body}");
            await Task.Delay(200, Token);
        }
    }

    /// <summary>Lines of the function's log (busybox-http writes one per request: "busybox-http METHOD TARGET") containing <paramref name="text"/>.</summary>
    public static async Task<int> CountLogLinesAsync(PlatformFixture platform, string function, string text)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, $"/system/logs?name={function}", platform.AdminKey);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"logs of {function}: {(int)response.StatusCode} {body}");
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>Waits until the function's log has a line containing <paramref name="text"/>, then a little longer for any repeat.</summary>
    public static async Task<int> SettledLogCountAsync(PlatformFixture platform, string function, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await CountLogLinesAsync(platform, function, text) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(2), Token);
        return await CountLogLinesAsync(platform, function, text);
    }
}
