using System.Net;
using System.Text.Json;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Logs;

[Collection(PlatformGroup.Name)]
public sealed class LogTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_are_json_lines_of_the_functions_output_oldest_first()
    {
        await platform.DeployAsync("logged");
        using (var call = await platform.SendAsync(HttpMethod.Get, "/function/logged/status/201", platform.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        }

        var lines = await ReadUntilAsync("/system/logs?name=logged", "GET /status/201");

        var line = lines.Single(l => l.GetProperty("text").GetString()!.Contains("GET /status/201", StringComparison.Ordinal));
        Assert.Equal("logged", line.GetProperty("name").GetString());
        Assert.Equal("default", line.GetProperty("namespace").GetString());
        Assert.StartsWith("i-", line.GetProperty("instance").GetString(), StringComparison.Ordinal);
        Assert.Equal("stdout", line.GetProperty("stream").GetString());
        Assert.Equal(1, line.GetProperty("version").GetInt32());
        Assert.True(line.GetProperty("timestamp").TryGetDateTimeOffset(out _));
        var timestamps = lines.Select(l => l.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(timestamps.Order(), timestamps);

        var tail = await ReadAllAsync("/system/logs?name=logged&tail=1");
        Assert.Single(tail);
        var future = await ReadAllAsync($"/system/logs?name=logged&since={DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Empty(future);
    }

    [Fact]
    public async Task Follow_keeps_the_stream_open_and_new_lines_arrive()
    {
        await platform.EnsureSharedFunctionAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var request = PlatformFixture.Request(HttpMethod.Get, "/system/logs?name=hello&follow=true&tail=0", platform.AdminKey);
        using var response = await platform.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));

        using (var call = await platform.SendAsync(HttpMethod.Get, "/function/hello/status/202", platform.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, call.StatusCode);
        }

        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.Contains("GET /status/202", StringComparison.Ordinal));

        Assert.NotNull(line);
        Assert.Equal("hello", JsonDocument.Parse(line).RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/system/logs", 400)]
    [InlineData("/system/logs?name=hello&tail=many", 400)]
    [InlineData("/system/logs?name=hello&since=yesterday", 400)]
    [InlineData("/system/logs?name=hello&follow=maybe", 400)]
    [InlineData("/system/logs?name=nothing-deployed", 404)]
    public async Task Bad_log_requests_are_problems(string path, int status)
    {
        await platform.EnsureSharedFunctionAsync();

        using var response = await platform.SendAsync(HttpMethod.Get, path, platform.AdminKey);

        Assert.Equal(status, (int)response.StatusCode);
        await Problem.ReadAsync(response);
    }

    private async Task<List<JsonElement>> ReadUntilAsync(string path, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var lines = await ReadAllAsync(path);
            if (lines.Any(l => l.GetProperty("text").GetString()!.Contains(text, StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(200, Token);
        }
    }

    private async Task<List<JsonElement>> ReadAllAsync(string path)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, path, platform.AdminKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
    }
}
