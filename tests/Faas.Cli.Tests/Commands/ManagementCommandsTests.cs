using System.Text.Json;
using Faas.Cli.Tests.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Faas.Cli.Tests.Commands;

public sealed class ManagementCommandsTests
{
    private static Task<StubGateway> GatewayWithFunctionsAsync() => StubGateway.StartAsync(app =>
    {
        app.MapGet("/system/functions", () => Results.Json(new[] { StubGateway.Function("zeta", version: 2), StubGateway.Function("alpha") }));
        app.MapGet("/system/function/{name}", (string name) => name == "alpha"
            ? Results.Json(StubGateway.Function("alpha"))
            : Results.Problem(statusCode: 404, title: "Not Found", detail: $"no function '{name}'"));
        app.MapDelete("/system/functions", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var name = body.RootElement.GetProperty("functionName").GetString();
            return name == "alpha" ? Results.NoContent() : Results.Problem(statusCode: 404, title: "Not Found", detail: $"no function '{name}'");
        });
    });

    [Fact]
    public async Task Ls_prints_a_table_sorted_by_name()
    {
        await using var gateway = await GatewayWithFunctionsAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["ls"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches("^NAME +VERSION +IMAGE +INSTANCES +INVOCATIONS +SNAPSHOT$", lines[0]);
        Assert.Matches(@"^alpha +1 +127\.0\.0\.1:5000/samples/busybox-http:latest +1 +42 +ready$", lines[1]);
        Assert.StartsWith("zeta ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_json_prints_what_the_gateway_sent()
    {
        await using var gateway = await GatewayWithFunctionsAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["ls", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["zeta", "alpha"], json.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("5m0s", json.RootElement[0].GetProperty("keepAlive").GetString());
    }

    [Fact]
    public async Task Describe_shows_spec_url_and_instances()
    {
        await using var gateway = await GatewayWithFunctionsAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["describe", "alpha"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("name:            alpha\n", run.StdoutText, StringComparison.Ordinal);
        Assert.Contains($"url:             {gateway.Address}function/alpha\n", run.StdoutText, StringComparison.Ordinal);
        Assert.Contains("environment:     GREETING=hi\n", run.StdoutText, StringComparison.Ordinal);
        Assert.Contains("instances:       min 0, max 10, 1 call(s) each\n", run.StdoutText, StringComparison.Ordinal);
        Assert.Matches(@"\ni-0001 +local +1 +idle +restore +0 +2026-11-23 01:02:03Z\n", run.StdoutText);
    }

    [Fact]
    public async Task Describe_of_an_unknown_function_fails_with_the_detail()
    {
        await using var gateway = await GatewayWithFunctionsAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["describe", "nope"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("faas: Not Found (404): no function 'nope'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rm_tries_every_name_and_fails_when_one_was_not_removed()
    {
        await using var gateway = await GatewayWithFunctionsAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["rm", "alpha", "nope"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("alpha: removed\n", run.StdoutText);
        Assert.Contains("faas: removing nope failed: Not Found (404): no function 'nope'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, gateway.Requests.Count(r => r.Method == "DELETE"));
    }

    [Fact]
    public async Task Logs_print_timestamp_instance_and_text_with_the_query_passed_on()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapGet("/system/logs", async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(
                """
                {"name":"hello","namespace":"default","instance":"i-1","timestamp":"2026-11-23T01:00:00.5Z","text":"listening on :8080","stream":"stdout","version":1}
                {"name":"hello","namespace":"default","instance":"-","timestamp":"2026-11-23T01:00:01Z","text":"snapshot ready","stream":"platform","version":1}

                """);
        }));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["logs", "hello", "--tail", "2", "--since", "10m"]);
        var json = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["logs", "hello", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2026-11-23T01:00:00.5Z i-1 listening on :8080\n2026-11-23T01:00:01Z - snapshot ready\n", run.StdoutText);
        var query = gateway.Requests.First().Query;
        Assert.Matches(@"^\?name=hello&since=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d\.\d{3}Z&tail=2$", query);
        Assert.Equal(2, json.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).Count());
    }

    [Fact]
    public async Task Logs_refuse_a_since_that_is_neither_a_duration_nor_a_time()
    {
        var run = await FaasClientProcess.RunAsync(new Uri("http://127.0.0.1:9/"), "k", ["logs", "hello", "--since", "yesterday"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--since 'yesterday'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_create_prints_the_key_alone_on_stdout()
    {
        await using var gateway = await StubGateway.StartAsync(app =>
        {
            app.MapPost("/system/tenants", () => Results.Json(new { tenant = "acme", apiKey = "acme-key-123", admin = true }, statusCode: 201));
            app.MapGet("/system/tenants", () => Results.Json(new[] { new { tenant = "default", admin = true }, new { tenant = "acme", admin = false } }));
        });

        var created = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["tenant", "create", "acme", "--admin"]);
        var listed = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["tenant", "ls"]);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("acme-key-123\n", created.StdoutText);
        Assert.DoesNotContain("acme-key-123", created.Stderr, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(gateway.Single("POST", "/system/tenants").Body);
        Assert.True(body.RootElement.GetProperty("admin").GetBoolean());
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Matches(@"^TENANT +ADMIN\nacme +no\ndefault +yes\n$", listed.StdoutText);
    }

    [Fact]
    public async Task Tenant_commands_with_a_non_admin_key_explain_the_403()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost(
            "/system/tenants", context => StubGateway.ProblemAsync(context, 403, "Forbidden", "this key is not an admin key")));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["tenant", "create", "acme"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.StdoutText);
        Assert.Contains("not allowed to do that (403): this key is not an admin key", run.Stderr, StringComparison.Ordinal);
    }
}
