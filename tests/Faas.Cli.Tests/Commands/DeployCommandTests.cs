using System.Text.Json;
using Faas.Cli.Tests.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Faas.Cli.Tests.Commands;

public sealed class DeployCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("faas-deploy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Deploys_from_flags_showing_progress_on_stderr_and_the_result_on_stdout()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost("/system/functions", context => StubGateway.NdjsonAsync(
            context,
            new { type = "progress", phase = "pulling", detail = "Copying blob sha256:1", done = 1, total = 3, version = 1 },
            new { type = "progress", phase = "snapshotting", version = 1 },
            new { type = "result", status = 201, function = StubGateway.Function("hello") })));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key,
        [
            "deploy", "hello", "--image", "127.0.0.1:5000/samples/python-http:latest", "-e", "GREETING=hi", "--env", "URL=http://x/?a=b",
            "--label", "team=web", "--annotation", "note=anything", "--memory", "512Mi", "--cpu", "2", "--min", "1", "--max", "3",
            "--concurrency", "2", "--keep-alive", "1m", "--timeout", "10s", "--port", "8081", "--process", "python3 /app/server.py", "--user", "1000",
        ]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"hello: version 1 (new) {gateway.Address}function/hello\n", run.StdoutText);
        Assert.Contains("faas: hello: pulling 1/3 Copying blob sha256:1\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("faas: hello: snapshotting\n", run.Stderr, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(gateway.Single("POST", "/system/functions").Body);
        Assert.Equal(
            """{"service":"hello","image":"127.0.0.1:5000/samples/python-http:latest","envProcess":"python3 /app/server.py","envVars":{"GREETING":"hi","URL":"http://x/?a=b"},"labels":{"team":"web"},"annotations":{"note":"anything"},"limits":{"cpu":"2"},"minInstances":1,"maxInstances":3,"maxConcurrency":2,"keepAlive":"1m","timeout":"10s","memory":"512Mi","port":8081,"user":"1000"}""",
            JsonSerializer.Serialize(body.RootElement));
    }

    [Fact]
    public async Task Deploys_a_stack_file_to_its_gateway_creating_one_function_and_updating_the_other()
    {
        await using var gateway = await StubGateway.StartAsync(app =>
        {
            app.MapPost("/system/functions", async context =>
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                var name = body.RootElement.GetProperty("service").GetString()!;
                await (name == "existing"
                    ? StubGateway.ProblemAsync(context, 409, "Conflict", "existing is deployed with another spec")
                    : StubGateway.NdjsonAsync(context, new { type = "result", status = 201, function = StubGateway.Function(name) }));
            });
            app.MapGet("/system/function/existing", () => Results.Json(StubGateway.Function("existing", version: 3)));
            app.MapPut("/system/functions", () => Results.Json(StubGateway.Function("existing", version: 4)));
        });
        var stack = Path.Combine(_directory, "faas.yaml");
        await File.WriteAllTextAsync(stack, $"""
            version: 1.0
            provider:
              name: openfaas
              gateway: {gateway.Address}
            functions:
              fresh:
                image: 127.0.0.1:5000/samples/busybox-http:{"${TAG:-latest}"}
                environment:
                  MODE: fast
              existing:
                image: 127.0.0.1:5000/samples/python-http:latest
            """, TestContext.Current.CancellationToken);

        var run = await FaasClientProcess.RunAsync(gateway: null, StubGateway.Key, ["deploy", "-f", stack, "--label", "from=flag"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            $"fresh: version 1 (new) {gateway.Address}function/fresh\nexisting: version 4 (updated) {gateway.Address}function/existing\n",
            run.StdoutText);
        var posted = gateway.Requests.Where(r => r.Method == "POST").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal("127.0.0.1:5000/samples/busybox-http:latest", posted[0].GetProperty("image").GetString());
        Assert.Equal("fast", posted[0].GetProperty("envVars").GetProperty("MODE").GetString());
        Assert.All(posted, p => Assert.Equal("flag", p.GetProperty("labels").GetProperty("from").GetString()));
        Assert.Single(gateway.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Uses_faas_yaml_in_the_current_directory_when_there_is_no_image()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost(
            "/system/functions", () => Results.Json(StubGateway.Function("only"), statusCode: 201)));
        await File.WriteAllTextAsync(Path.Combine(_directory, "faas.yaml"), "functions:\n  only:\n    image: x\n  other:\n    image: y\n", TestContext.Current.CancellationToken);

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["deploy", "only"], workingDirectory: _directory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("only: version 1 (new)", run.StdoutText, StringComparison.Ordinal);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task A_failed_deploy_exits_non_zero_with_the_detail_and_the_functions_output()
    {
        await using var gateway = await StubGateway.StartAsync(app => app.MapPost("/system/functions", context => StubGateway.NdjsonAsync(
            context,
            new { type = "progress", phase = "booting", version = 1 },
            new
            {
                type = "error",
                status = 422,
                problem = new { title = "Function did not become ready", status = 422, detail = "the process exited with code 3 before listening on 8080", outputTail = "starting\nboom: no config\n" },
            })));

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["deploy", "hello", "--image", "x"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.StdoutText);
        Assert.Contains("faas: deploying hello failed: Function did not become ready (422): the process exited with code 3 before listening on 8080", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("  | starting\n  | boom: no config\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_file_with_an_unknown_key_is_refused_before_anything_is_sent()
    {
        await using var gateway = await StubGateway.StartAsync(_ => { });
        var stack = Path.Combine(_directory, "faas.yaml");
        await File.WriteAllTextAsync(stack, "functions:\n  hello:\n    image: x\n    replicas: 3\n", TestContext.Current.CancellationToken);

        var run = await FaasClientProcess.RunAsync(gateway.Address, StubGateway.Key, ["deploy", "-f", stack]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"faas: {stack}:4: function 'hello', key 'replicas': unknown key", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Theory]
    [InlineData("--timeout", "forever", "timeout 'forever'")]
    [InlineData("--memory", "lots", "memory 'lots'")]
    [InlineData("--env", "NOVALUE", "--env 'NOVALUE' is not KEY=VALUE")]
    public async Task Bad_flag_values_are_refused_naming_them(string flag, string value, string message)
    {
        var run = await FaasClientProcess.RunAsync(new Uri("http://127.0.0.1:9/"), "k", ["deploy", "hello", "--image", "x", flag, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_image_or_stack_file_it_says_what_is_needed()
    {
        var run = await FaasClientProcess.RunAsync(new Uri("http://127.0.0.1:9/"), "k", ["deploy", "hello"], workingDirectory: _directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--image", run.Stderr, StringComparison.Ordinal);
    }
}
