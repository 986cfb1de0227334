using System.Net;
using System.Text.Json;
using Faas.Cli.Client;
using Faas.Common.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Faas.Cli.Tests.Client;

public sealed class GatewayClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static GatewayClient ClientFor(StubGateway gateway, string? key = StubGateway.Key) =>
        new(new ClientSettings(gateway.Address, key, "test"));

    private static FunctionDeployment Hello => new()
    {
        Service = "hello",
        Image = "127.0.0.1:5000/samples/busybox-http:latest",
        EnvVars = new Dictionary<string, string> { ["GREETING"] = "hi" },
        Limits = new FunctionResources(Cpu: "2"),
        MaxInstances = 3,
        Timeout = "10s",
    };

    [Fact]
    public async Task Deploy_posts_the_spec_with_the_key_streams_progress_and_reports_a_new_function()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost("/system/functions", context => StubGateway.NdjsonAsync(
            context,
            new { type = "progress", phase = "pulling", detail = "Copying blob sha256:1", done = 1, total = 3, version = 1 },
            new { type = "progress", phase = "buildingRootfs", version = 1 },
            new { type = "result", status = 201, function = StubGateway.Function("hello") })));
        using var client = ClientFor(gateway);
        var progress = new List<DeployProgressEvent>();

        var outcome = await client.DeployAsync(Hello, new SynchronousProgress<DeployProgressEvent>(progress.Add), Token);

        Assert.Equal(DeployChange.Created, outcome.Change);
        Assert.Equal(("hello", 1), (outcome.Function.Name, outcome.Function.Version));
        Assert.Equal([new DeployProgressEvent("pulling", "Copying blob sha256:1", 1, 3, 1), new DeployProgressEvent("buildingRootfs", Version: 1)], progress);
        var request = gateway.Single("POST", "/system/functions");
        Assert.Equal($"Bearer {StubGateway.Key}", request.Header("Authorization"));
        Assert.StartsWith("application/x-ndjson", request.Header("Accept"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("hello", root.GetProperty("service").GetString());
        Assert.Equal("127.0.0.1:5000/samples/busybox-http:latest", root.GetProperty("image").GetString());
        Assert.Equal("hi", root.GetProperty("envVars").GetProperty("GREETING").GetString());
        Assert.Equal("2", root.GetProperty("limits").GetProperty("cpu").GetString());
        Assert.Equal(3, root.GetProperty("maxInstances").GetInt32());
        Assert.Equal("10s", root.GetProperty("timeout").GetString());
        Assert.False(root.TryGetProperty("memory", out _), "unset fields are left to the gateway's defaults");
        Assert.False(root.GetProperty("limits").TryGetProperty("memory", out _));
    }

    [Fact]
    public async Task Deploy_updates_with_put_when_post_finds_the_function_with_another_spec()
    {
        await using var gateway = await StubGateway.StartAsync(app =>
        {
            app.MapPost("/system/functions", context => StubGateway.NdjsonAsync(
                context, new { type = "error", status = 409, problem = new { title = "Conflict", status = 409, detail = "hello exists with another spec" } }));
            app.MapGet("/system/function/hello", () => Results.Json(StubGateway.Function("hello", version: 1)));
            app.MapPut("/system/functions", context => StubGateway.NdjsonAsync(
                context,
                new { type = "progress", phase = "booting", version = 2 },
                new { type = "result", status = 200, function = StubGateway.Function("hello", version: 2) }));
        });
        using var client = ClientFor(gateway);

        var outcome = await client.DeployAsync(Hello, cancellationToken: Token);

        Assert.Equal((DeployChange.Updated, 2), (outcome.Change, outcome.Function.Version));
        Assert.Equal(gateway.Single("POST", "/system/functions").BodyText, gateway.Single("PUT", "/system/functions").BodyText);
    }

    [Fact]
    public async Task Deploy_of_the_same_spec_is_unchanged()
    {
        await using var gateway = await StubGateway.StartAsync(app =>
            app.MapPost("/system/functions", () => Results.Json(StubGateway.Function("hello", version: 4), statusCode: 200)));
        using var client = ClientFor(gateway);

        var outcome = await client.DeployAsync(Hello, cancellationToken: Token);

        Assert.Equal((DeployChange.Unchanged, 4), (outcome.Change, outcome.Function.Version));
    }

    [Fact]
    public async Task Deploy_failure_carries_the_problem_and_the_function_output()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost("/system/functions", context => StubGateway.NdjsonAsync(
            context,
            new { type = "progress", phase = "booting", version = 1 },
            new
            {
                type = "error",
                status = 422,
                problem = new { title = "Function did not become ready", status = 422, detail = "the process exited with code 3", function = "hello", outputTail = "starting\nboom: missing config\n" },
            })));
        using var client = ClientFor(gateway);

        var e = await Assert.ThrowsAsync<GatewayProblemException>(() => client.DeployAsync(Hello, cancellationToken: Token));

        Assert.Equal(422, e.Status);
        Assert.Equal("the process exited with code 3", e.Problem.Detail);
        Assert.Equal("starting\nboom: missing config\n", e.Problem.OutputTail);
        Assert.DoesNotContain(gateway.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Deploy_refused_before_streaming_is_a_problem_with_the_gateways_detail()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost(
            "/system/functions", context => StubGateway.ProblemAsync(context, 400, "Bad Request", "unknown field 'replicas'")));
        using var client = ClientFor(gateway);

        var e = await Assert.ThrowsAsync<GatewayProblemException>(() => client.DeployAsync(Hello, cancellationToken: Token));

        Assert.Equal((400, "unknown field 'replicas'"), (e.Status, e.Problem.Detail));
    }

    [Fact]
    public async Task Deploy_stream_that_ends_without_a_result_is_an_error_naming_the_function()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost(
            "/system/functions", context => StubGateway.NdjsonAsync(context, new { type = "progress", phase = "pulling" })));
        using var client = ClientFor(gateway);

        var e = await Assert.ThrowsAsync<GatewayException>(() => client.DeployAsync(Hello, cancellationToken: Token));

        Assert.Contains("hello", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_and_describes_functions_keeping_the_json_as_sent()
    {
        await using var gateway = await StubGateway.StartAsync(app =>
        {
            app.MapGet("/system/functions", () => Results.Json(new[] { StubGateway.Function("a"), StubGateway.Function("b", version: 3) }));
            app.MapGet("/system/function/{name}", (string name) => name == "a"
                ? Results.Json(StubGateway.Function("a"))
                : Results.Problem(statusCode: 404, title: "Not Found", detail: $"no function '{name}'"));
        });
        using var client = ClientFor(gateway);

        var list = await client.ListFunctionsAsync(Token);
        var a = await client.GetFunctionAsync("a", Token);
        var missing = await client.FindFunctionAsync("zz", Token);
        var e = await Assert.ThrowsAsync<GatewayProblemException>(() => client.GetFunctionAsync("zz", Token));

        Assert.Equal(["a", "b"], list.Value.Select(f => f.Name));
        Assert.Equal(3, list.Value[1].Version);
        Assert.Equal(JsonValueKind.Array, list.Json.ValueKind);
        Assert.Equal(("1", "256Mi", 42L, "ready"), (a.Value.Limits?.Cpu, a.Value.Memory, a.Value.InvocationCount, a.Value.Snapshot));
        Assert.Equal(("i-0001", "restore"), (a.Value.Instances[0].Id, a.Value.Instances[0].Start));
        Assert.Equal("sha256:" + new string('a', 64), a.Json.GetProperty("imageDigest").GetString());
        Assert.Null(missing);
        Assert.Equal((404, "no function 'zz'"), (e.Status, e.Problem.Detail));
    }

    [Fact]
    public async Task Remove_sends_the_openfaas_body()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapDelete("/system/functions", () => Results.NoContent()));
        using var client = ClientFor(gateway);

        await client.RemoveFunctionAsync("hello", Token);

        using var body = JsonDocument.Parse(gateway.Single("DELETE", "/system/functions").Body);
        Assert.Equal("hello", body.RootElement.GetProperty("functionName").GetString());
    }

    [Fact]
    public async Task Logs_pass_the_query_and_stream_lines_as_they_come()
    {
        var second = new TaskCompletionSource();
        await using var gateway = await StubGateway.StartAsync(app => app.MapGet("/system/logs", async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync("""{"name":"hello","instance":"i-1","timestamp":"2026-11-23T01:00:00Z","text":"one","stream":"stdout","version":1}""" + "\n");
            await context.Response.Body.FlushAsync();
            await second.Task;
            await context.Response.WriteAsync("""{"name":"hello","instance":"i-1","timestamp":"2026-11-23T01:00:01Z","text":"two","stream":"stderr","version":1}""" + "\n");
        }));
        using var client = ClientFor(gateway);
        var since = new DateTimeOffset(2026, 11, 23, 0, 50, 0, TimeSpan.Zero);

        var lines = new List<LogLine>();
        await foreach (var line in client.ReadLogsAsync(new LogQuery("hello", since, 5, Follow: true), Token))
        {
            lines.Add(LogLine.Parse(line));
            second.TrySetResult();
        }

        Assert.Equal(["2026-11-23T01:00:00Z i-1 one", "2026-11-23T01:00:01Z i-1 two"], lines.Select(l => l.ToString()));
        var query = gateway.Single("GET", "/system/logs").Query;
        Assert.Equal("?name=hello&since=2026-11-23T00%3A50%3A00.000Z&tail=5&follow=true", query);
    }

    [Fact]
    public async Task Invoke_passes_method_path_query_headers_and_body_and_returns_the_functions_answer()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.Map("/function/{name}/{**rest}", async context =>
        {
            context.Response.StatusCode = 418;
            context.Response.Headers["X-Faas-Start"] = "warm";
            await context.Response.WriteAsync("teapot");
        }));
        using var client = ClientFor(gateway);
        using var body = new ByteArrayContent([1, 2, 3]);

        using var response = await client.InvokeAsync(
            new InvocationRequest("echo", HttpMethod.Put, "/items/7?full=1", [new("X-Trace", "abc"), new("Content-Type", "application/x-thing")], body),
            Token);

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("teapot", await response.Content.ReadAsStringAsync(Token));
        var request = gateway.Single("PUT", "/function/echo/items/7");
        Assert.Equal("?full=1", request.Query);
        Assert.Equal(("abc", "application/x-thing"), (request.Header("X-Trace"), request.Header("Content-Type")));
        Assert.Equal([1, 2, 3], request.Body);
    }

    [Fact]
    public async Task Tenants_are_created_and_listed()
    {
        await using var gateway = await StubGateway.StartAsync(app =>
        {
            app.MapPost("/system/tenants", () => Results.Json(new { tenant = "acme", apiKey = "acme-key", admin = false }, statusCode: 201));
            app.MapGet("/system/tenants", () => Results.Json(new[] { new { tenant = "default", admin = true }, new { tenant = "acme", admin = false } }));
        });
        using var client = ClientFor(gateway);

        var created = await client.CreateTenantAsync("acme", admin: false, Token);
        var tenants = await client.ListTenantsAsync(Token);

        Assert.Equal(new CreatedTenant("acme", "acme-key", false), created);
        Assert.DoesNotContain("acme-key", created.ToString(), StringComparison.Ordinal);
        Assert.Equal([new TenantInfo("default", true), new TenantInfo("acme", false)], tenants.Value);
        using var body = JsonDocument.Parse(gateway.Single("POST", "/system/tenants").Body);
        Assert.Equal(("acme", false), (body.RootElement.GetProperty("name").GetString(), body.RootElement.GetProperty("admin").GetBoolean()));
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_a_401_problem()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapGet("/system/functions", () => Results.Json(Array.Empty<object>())));
        using var noKey = ClientFor(gateway, key: null);
        using var wrongKey = ClientFor(gateway, key: "wrong");

        var missing = await Assert.ThrowsAsync<GatewayProblemException>(() => noKey.ListFunctionsAsync(Token));
        var rejected = await Assert.ThrowsAsync<GatewayProblemException>(() => wrongKey.ListFunctionsAsync(Token));

        Assert.Equal((401, 401), (missing.Status, rejected.Status));
        Assert.Null(gateway.Requests.First().Header("Authorization"));
    }

    [Fact]
    public async Task A_gateway_that_is_not_there_is_unreachable_naming_the_address()
    {
        var port = FreePort.Pick();
        using var client = new GatewayClient(new ClientSettings(new Uri($"http://127.0.0.1:{port}/"), "k", "test"));

        var e = await Assert.ThrowsAsync<GatewayUnreachableException>(() => client.ListFunctionsAsync(Token));

        Assert.Contains($"tried http://127.0.0.1:{port}/", e.Message, StringComparison.Ordinal);
        Assert.Contains("faas up", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_url_is_under_the_gateway()
    {
        using var client = new GatewayClient(new ClientSettings(new Uri("http://10.0.0.5:8080/"), null, null));

        Assert.Equal("http://10.0.0.5:8080/function/hello", client.FunctionUrl("hello").ToString());
    }
}
