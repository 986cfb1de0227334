using Faas.Tests.Shared;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Management;

[Collection(PlatformGroup.Name)]
public sealed class FunctionApiTests(PlatformFixture platform)
{
    private static readonly string Image = SampleImages.Reference(SampleImages.Busybox);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_answers_201_with_the_function_then_describe_list_and_remove_agree()
    {
        using var deployed = await platform.SendAsync(HttpMethod.Post, "/system/functions", platform.AdminKey, $$"""
            {"service":"lifecycle","image":"{{Image}}","envProcess":"/app/serve --verbose 'a b'","envVars":{"GREETING":"hi"},
             "labels":{"team":"web"},"annotations":{"note":"n"},"limits":{"memory":"128Mi","cpu":"1"},
             "maxInstances":3,"keepAlive":"90s","timeout":"10s"}
            """);
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.Equal("/system/function/lifecycle", deployed.Headers.Location?.OriginalString);
        using (var view = await JsonDocument.ParseAsync(await deployed.Content.ReadAsStreamAsync(Token), cancellationToken: Token))
        {
            var function = view.RootElement;
            Assert.Equal("lifecycle", function.GetProperty("name").GetString());
            Assert.Equal("default", function.GetProperty("namespace").GetString());
            Assert.Equal(Image, function.GetProperty("image").GetString());
            Assert.StartsWith("sha256:", function.GetProperty("imageDigest").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, function.GetProperty("version").GetInt32());
            Assert.Equal("/app/serve --verbose 'a b'", function.GetProperty("envProcess").GetString());
            Assert.Equal("hi", function.GetProperty("envVars").GetProperty("GREETING").GetString());
            Assert.Equal("web", function.GetProperty("labels").GetProperty("team").GetString());
            Assert.Equal("n", function.GetProperty("annotations").GetProperty("note").GetString());
            Assert.Equal("128Mi", function.GetProperty("limits").GetProperty("memory").GetString());
            Assert.Equal("1", function.GetProperty("limits").GetProperty("cpu").GetString());
            Assert.Equal("128Mi", function.GetProperty("memory").GetString());
            Assert.Equal(0, function.GetProperty("minInstances").GetInt32());
            Assert.Equal(3, function.GetProperty("maxInstances").GetInt32());
            Assert.Equal(1, function.GetProperty("maxConcurrency").GetInt32());
            Assert.Equal("1m30s", function.GetProperty("keepAlive").GetString());
            Assert.Equal("10s", function.GetProperty("timeout").GetString());
            Assert.Equal("ready", function.GetProperty("snapshot").GetString());
            Assert.Equal(0, function.GetProperty("invocationCount").GetInt64());
            Assert.True(function.TryGetProperty("createdAt", out _));
            Assert.Equal(JsonValueKind.Array, function.GetProperty("instances").ValueKind);
        }

        using (var unchanged = await platform.SendAsync(HttpMethod.Put, "/system/functions", platform.AdminKey, $$"""
            {"service":"lifecycle","image":"{{Image}}","envProcess":"/app/serve --verbose 'a b'","envVars":{"GREETING":"hi"},
             "labels":{"team":"web"},"annotations":{"note":"n"},"limits":{"memory":"128Mi","cpu":"1"},
             "maxInstances":3,"keepAlive":"90s","timeout":"10s"}
            """))
        {
            Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
            Assert.Contains("\"version\":1", await unchanged.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using (var conflict = await platform.SendAsync(HttpMethod.Post, "/system/functions", platform.AdminKey, $$"""{"service":"lifecycle","image":"{{Image}}"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Equal("lifecycle", (await Problem.ReadAsync(conflict)).Function);
        }

        using (var list = await platform.SendAsync(HttpMethod.Get, "/system/functions", platform.AdminKey))
        {
            using var functions = await JsonDocument.ParseAsync(await list.Content.ReadAsStreamAsync(Token), cancellationToken: Token);
            Assert.Contains(functions.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == "lifecycle");
        }

        using (var describe = await platform.SendAsync(HttpMethod.Get, "/system/function/lifecycle", platform.AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, describe.StatusCode);
        }

        using (var removed = await platform.SendAsync(HttpMethod.Delete, "/system/functions", platform.AdminKey, """{"functionName":"lifecycle","namespace":"default"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using var gone = await platform.SendAsync(HttpMethod.Get, "/system/function/lifecycle", platform.AdminKey);
        using var removedAgain = await platform.SendAsync(HttpMethod.Delete, "/system/functions?name=lifecycle", platform.AdminKey);
        using var call = await platform.SendAsync(HttpMethod.Get, "/function/lifecycle", platform.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
    }

    [Fact]
    public async Task Describe_shows_the_instances_and_calls_of_a_function()
    {
        await platform.DeployAsync("described");
        for (var i = 0; i < 2; i++)
        {
            using var call = await platform.SendAsync(HttpMethod.Get, "/function/described", platform.AdminKey);
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        using var response = await platform.SendAsync(HttpMethod.Get, "/system/function/described", platform.AdminKey);
        using var view = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Token), cancellationToken: Token);

        var function = view.RootElement;
        Assert.Equal(2, function.GetProperty("invocationCount").GetInt64());
        Assert.Equal(1, function.GetProperty("replicas").GetInt32());
        Assert.Equal(1, function.GetProperty("availableReplicas").GetInt32());
        var instance = Assert.Single(function.GetProperty("instances").EnumerateArray());
        Assert.StartsWith("i-", instance.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(PlatformFixture.WorkerId, instance.GetProperty("worker").GetString());
        Assert.Equal(1, instance.GetProperty("version").GetInt32());
        Assert.Equal("idle", instance.GetProperty("state").GetString());
        Assert.Equal("restore", instance.GetProperty("start").GetString());
        Assert.Equal(0, instance.GetProperty("activeCalls").GetInt32());
        Assert.True(instance.TryGetProperty("lastUsedAt", out _));
    }

    [Fact]
    public async Task A_streamed_deploy_reports_progress_then_its_result()
    {
        // A value of its own makes a new snapshot, so the deploy boots and takes long enough to report progress.
        var unique = Guid.NewGuid().ToString("N");
        using var request = PlatformFixture.Request(HttpMethod.Post, "/system/functions", platform.AdminKey, $$$"""{"service":"streamed","image":"{{{Image}}}","envVars":{"UNIQUE":"{{{unique}}}"}}""");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await platform.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines));
        var parsed = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var last = parsed[^1];
        Assert.Equal("result", last.GetProperty("type").GetString());
        Assert.Equal(201, last.GetProperty("status").GetInt32());
        Assert.Equal("streamed", last.GetProperty("function").GetProperty("name").GetString());
        var progress = parsed[..^1];
        Assert.Contains(progress, line => line.GetProperty("phase").GetString() == "booting");
        string[] phases = ["queued", "resolving", "pulling", "verifying", "unpacking", "buildingRootfs", "booting", "snapshotting", "ready"];
        Assert.All(progress, line =>
        {
            Assert.Equal("progress", line.GetProperty("type").GetString());
            Assert.Contains(line.GetProperty("phase").GetString(), phases);
            Assert.Equal(1, line.GetProperty("version").GetInt32());
        });
    }

    [Fact]
    public async Task A_streamed_deploy_that_fails_ends_with_an_error_line()
    {
        using var request = PlatformFixture.Request(HttpMethod.Put, "/system/functions", platform.AdminKey, $$"""{"service":"never-created","image":"{{Image}}"}""");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await platform.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var last = JsonDocument.Parse((await response.Content.ReadAsStringAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.Equal("error", last.GetProperty("type").GetString());
        Assert.Equal(404, last.GetProperty("status").GetInt32());
        Assert.Equal(404, last.GetProperty("problem").GetProperty("status").GetInt32());
        Assert.Equal("never-created", last.GetProperty("problem").GetProperty("function").GetString());
    }

    [Fact]
    public async Task An_image_that_does_not_exist_is_400_naming_the_reason()
    {
        using var response = await platform.SendAsync(HttpMethod.Post, "/system/functions", platform.AdminKey, """{"service":"no-image","image":"127.0.0.1:5000/samples/does-not-exist:latest"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("Image unusable", problem.Title);
        Assert.Equal("no-image", problem.Function);
        using var after = await platform.SendAsync(HttpMethod.Get, "/system/function/no-image", platform.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Theory]
    [InlineData("{\"service\":\"bad\",\n \"image\":\"x\",}", "malformed JSON at line 2")]
    [InlineData("{\"service\":\"bad\",\"image\":\"x\",\"replicas\":2}", "unknown field 'replicas'")]
    [InlineData("{\"service\":\"bad\",\"image\":\"x\",\"secrets\":[\"s\"]}", "field 'secrets' is not supported by faas")]
    [InlineData("{\"service\":\"Bad\",\"image\":\"x\"}", "'Bad' is not a valid function name")]
    [InlineData("{\"service\":\"bad\",\"image\":\"x\",\"memory\":\"16Mi\"}", "out of range")]
    [InlineData("{\"service\":\"bad\",\"image\":\"x\",\"timeout\":\"forever\"}", "is not a duration")]
    public async Task A_bad_deploy_request_is_400_naming_what_is_wrong(string json, string message)
    {
        using var response = await platform.SendAsync(HttpMethod.Post, "/system/functions", platform.AdminKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("Invalid deploy request", problem.Title);
        Assert.Contains(message, problem.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(problem.Errors!);
    }

    [Fact]
    public async Task Updating_a_function_that_does_not_exist_is_404()
    {
        using var response = await platform.SendAsync(HttpMethod.Put, "/system/functions", platform.AdminKey, $$"""{"service":"not-there","image":"{{Image}}"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-there", (await Problem.ReadAsync(response)).Function);
    }

    [Fact]
    public async Task Removing_needs_a_name()
    {
        using var response = await platform.SendAsync(HttpMethod.Delete, "/system/functions", platform.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("functionName", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deploy_body_over_the_limit_is_413()
    {
        var huge = $$$"""{"service":"huge","image":"{{{Image}}}","annotations":{"blob":"{{{new string('x', 2 * 1024 * 1024)}}}"}}""";

        using var response = await platform.SendAsync(HttpMethod.Post, "/system/functions", platform.AdminKey, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await Problem.ReadAsync(response);
    }
}
