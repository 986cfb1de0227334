using System.Text.Json;
using Faas.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Tests.Http;

public sealed class GatewayProblemTests
{
    [Fact]
    public async Task A_problem_is_written_as_problem_json_with_its_extensions_and_headers()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var problem = GatewayProblem.Of(429, "Too many concurrent calls", "busy", "hello") with { RetryAfterSeconds = 3, Instance = "i-1" };

        await problem.ExecuteAsync(context);

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("3", context.Response.Headers.RetryAfter);
        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        var root = json.RootElement;
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", root.GetProperty("type").GetString());
        Assert.Equal("Too many concurrent calls", root.GetProperty("title").GetString());
        Assert.Equal(429, root.GetProperty("status").GetInt32());
        Assert.Equal("busy", root.GetProperty("detail").GetString());
        Assert.Equal("hello", root.GetProperty("function").GetString());
        Assert.Equal("i-1", root.GetProperty("instance").GetString());
        Assert.False(root.TryGetProperty("outputTail", out _));
        Assert.False(root.TryGetProperty("retryAfterSeconds", out _));
    }

    [Fact]
    public async Task An_authentication_problem_challenges_for_a_bearer_token()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await (GatewayProblem.Of(401, "Unauthorized", "no key") with { ChallengeBearer = true }).ExecuteAsync(context);

        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate);
    }
}
