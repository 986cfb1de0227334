using Faas.Cli.Tests.Client;
using Faas.Common.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Faas.Cli.Tests.Commands;

public sealed class InvokeCommandTests
{
    /// <summary>A function that echoes its body with the call headers the gateway adds.</summary>
    private static Task<StubGateway> EchoGatewayAsync() => StubGateway.StartAsync(app => app.Map("/function/echo/{**rest}", async context =>
    {
        context.Response.Headers["X-Faas-Start"] = "restore";
        context.Response.Headers["X-Faas-Instance"] = "i-0042";
        context.Response.Headers["X-Faas-Version"] = "3";
        context.Response.ContentType = "application/octet-stream";
        await context.Request.Body.CopyToAsync(context.Response.Body);
    }));

    [Fact]
    public async Task The_body_reaches_stdout_unchanged_from_a_file()
    {
        await using var gateway = await EchoGatewayAsync();
        var file = Path.GetTempFileName();
        byte[] bytes = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))];
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
        try
        {
            var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["invoke", "echo", "--data", "@" + file]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(bytes, run.Stdout);
            Assert.Equal("", run.Stderr);
            var request = gateway.Single("POST", "/function/echo");
            Assert.Equal($"Bearer {StubGateway.Key}", request.Header("Authorization"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Standard_input_is_the_body_with_data_at_dash()
    {
        await using var gateway = await EchoGatewayAsync();
        byte[] bytes = [0, 1, 2, 255, 10, 13, 0];

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["invoke", "echo", "--data", "@-"], standardInput: bytes);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(bytes, run.Stdout);
    }

    [Fact]
    public async Task Method_path_query_and_headers_are_passed_and_include_prints_status_and_headers_first()
    {
        await using var gateway = await EchoGatewayAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key,
            ["invoke", "echo", "-X", "put", "--path", "/items/7?full=1", "-H", "X-Trace: abc", "-H", "Content-Type: application/json", "-d", "{}", "-i", "-v"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = gateway.Single("PUT", "/function/echo/items/7");
        Assert.Equal(("?full=1", "abc", "application/json"), (request.Query, request.Header("X-Trace"), request.Header("Content-Type")));
        Assert.StartsWith("HTTP/1.1 200 OK\n", run.StdoutText, StringComparison.Ordinal);
        Assert.Contains("\nX-Faas-Start: restore\n", run.StdoutText, StringComparison.Ordinal);
        Assert.EndsWith("\n\n{}", run.StdoutText, StringComparison.Ordinal);
        Assert.Contains("faas: echo: start restore, instance i-0042, version 3", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_functions_error_answer_goes_to_stdout_and_exits_1_with_the_status_on_stderr()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.Map("/function/broken", async context =>
        {
            context.Response.StatusCode = 500;
            context.Response.Headers["X-Faas-Instance"] = "i-1";
            await context.Response.WriteAsync("stack trace here");
        }));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["invoke", "broken"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("stack trace here", run.StdoutText);
        Assert.Contains("faas: broken answered 500 Internal Server Error", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("GET", Assert.Single(gateway.Requests).Method);
    }

    [Fact]
    public async Task An_error_the_platform_answers_is_explained_on_stderr()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.Map(
            "/function/{name}", (HttpContext context, string name) => StubGateway.ProblemAsync(context, 404, "Not Found", $"no function '{name}' in tenant default")));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["invoke", "nope"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.StdoutText);
        Assert.Contains("faas: calling nope failed: Not Found (404): no function 'nope' in tenant default", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_shows_the_functions_last_output()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.Map(
            "/function/crash", context => StubGateway.ProblemAsync(context, 502, "Bad Gateway", "the function exited with code 1", "Traceback\nKeyError: 'x'", "default/crash")));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["invoke", "crash"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Bad Gateway (502): the function exited with code 1", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  | Traceback\n  | KeyError: 'x'\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_it_says_where_to_get_one()
    {
        await using var gateway = await EchoGatewayAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, apiKey: null, ["invoke", "echo"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs an API key (401): set FAAS_API_KEY or run `faas up` on this machine", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_key_says_so_without_showing_it()
    {
        await using var gateway = await EchoGatewayAsync();

        var run = await FaasClientProcess.RunAsync(gateway.Address, apiKey: "not-the-key", ["invoke", "echo"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rejected the API key from FAAS_API_KEY (401): set FAAS_API_KEY or run `faas up` on this machine", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_file_of_faas_up_is_used_when_nothing_else_is_set()
    {
        await using var gateway = await EchoGatewayAsync();
        var data = Directory.CreateTempSubdirectory("faas-cli-data-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(data, "api-key"), StubGateway.Key + "\n", TestContext.Current.CancellationToken);

            var run = await FaasClientProcess.RunAsync(gateway.Address, apiKey: null, ["invoke", "echo", "-d", "ok"], dataDirectory: data);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("ok", run.StdoutText);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task No_gateway_asks_whether_faas_up_is_running()
    {
        var port = FreePort.Pick();

        var run = await FaasClientProcess.RunAsync(new Uri($"http://127.0.0.1:{port}"), "k", ["invoke", "echo"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach the gateway: is `faas up` running? tried http://127.0.0.1:{port}/", run.Stderr, StringComparison.Ordinal);
    }
}
