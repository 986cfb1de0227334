using System.Net;
using System.Text;
using Faas.Cli.Tests.Commands;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Platform;

/// <summary>The faas commands against a running `faas up`, as the README tells a user to run them.</summary>
[Collection(PlatformGroup.Name)]
public sealed class CliFlowTests(PlatformFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task Deploy_invoke_list_describe_logs_and_remove_with_the_key_faas_up_saved()
    {
        // No FAAS_API_KEY: the commands find the key `faas up` saved in the data directory.
        var deploy = await RunAsync(null, "deploy", "cli-hello", "--image", SampleImages.Reference("busybox-http"), "--env", "GREETING=from-cli", "--memory", "160Mi", "--max", "2");
        var invoke = await RunAsync(null, "invoke", "cli-hello", "--path", "/env/GREETING");
        var echo = await RunAsync(null, ["invoke", "cli-hello", "--path", "/echo", "--data", "@-"], Encoding.UTF8.GetBytes("piped body"));
        var list = await RunAsync(null, "ls");
        var describe = await RunAsync(null, "describe", "cli-hello", "--json");
        var logs = await RunAsync(null, "logs", "cli-hello", "--tail", "50");
        var failing = await RunAsync(null, "invoke", "cli-hello", "--path", "/status/503");
        var remove = await RunAsync(null, "rm", "cli-hello");
        var gone = await RunAsync(null, "invoke", "cli-hello");

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("cli-hello: version 1 (new)", deploy.StdoutText, StringComparison.Ordinal);
        Assert.Equal((0, "from-cli"), (invoke.ExitCode, invoke.StdoutText));
        Assert.Equal((0, "piped body"), (echo.ExitCode, echo.StdoutText));
        Assert.Contains("cli-hello", list.StdoutText, StringComparison.Ordinal);
        Assert.Contains("\"memory\": \"160Mi\"", describe.StdoutText, StringComparison.Ordinal);
        Assert.Contains("busybox-http GET /env/GREETING", logs.StdoutText, StringComparison.Ordinal);
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("503", failing.Stderr, StringComparison.Ordinal);
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("not found", gone.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_new_tenant_from_faas_tenant_create_cannot_see_the_default_tenants_functions()
    {
        var deploy = await RunAsync(null, "deploy", "cli-private", "--image", SampleImages.Reference("busybox-http"));
        var created = await RunAsync(null, "tenant", "create", "cli-tenant");
        var otherKey = created.StdoutText.Trim();

        var otherList = await RunAsync(otherKey, "ls", "--json");
        var otherInvoke = await RunAsync(otherKey, "invoke", "cli-private");
        using var anonymous = Platform.Client("");
        using var withoutKey = await anonymous.GetAsync("/function/cli-private", Token);

        Assert.True(deploy.ExitCode == 0 && created.ExitCode == 0, $"{deploy}\n{created}");
        Assert.StartsWith("faas_", otherKey, StringComparison.Ordinal);
        Assert.Equal(0, otherList.ExitCode);
        Assert.DoesNotContain("cli-private", otherList.StdoutText, StringComparison.Ordinal);
        Assert.NotEqual(0, otherInvoke.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Fact]
    public async Task A_tenant_rotates_its_key_with_faas_key_add_and_revoke()
    {
        var created = await RunAsync(null, "tenant", "create", "cli-rotating");
        var original = created.StdoutText.Trim();
        var added = await RunAsync(original, "key", "add");
        var rotated = added.StdoutText.Trim();
        var listed = await RunAsync(rotated, "key", "ls", "--json");
        var originalId = System.Text.Json.JsonDocument.Parse(listed.StdoutText).RootElement.EnumerateArray()
            .Single(key => !key.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;
        var revoked = await RunAsync(rotated, "key", "revoke", originalId);
        var withOriginal = await RunAsync(original, "ls");
        var withRotated = await RunAsync(rotated, "key", "ls");
        var lastOne = await RunAsync(rotated, "key", "revoke", withRotated.StdoutText.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).First(word => word.StartsWith("key_", StringComparison.Ordinal)));

        Assert.True(created.ExitCode == 0 && added.ExitCode == 0, $"{created}\n{added}");
        Assert.StartsWith("faas_", rotated, StringComparison.Ordinal);
        Assert.Contains("added key key_", added.Stderr, StringComparison.Ordinal);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.NotEqual(0, withOriginal.ExitCode);
        Assert.Contains("rejected the API key", withOriginal.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, withRotated.ExitCode);
        Assert.DoesNotContain(originalId, withRotated.StdoutText, StringComparison.Ordinal);
        Assert.NotEqual(0, lastOne.ExitCode);
        Assert.Contains("only key", lastOne.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deploy_of_a_missing_image_fails_with_the_reason_and_a_non_zero_exit()
    {
        var deploy = await RunAsync(null, "deploy", "cli-ghost", "--image", "127.0.0.1:5000/samples/no-such-image:latest");

        Assert.NotEqual(0, deploy.ExitCode);
        Assert.Contains("no-such-image", deploy.Stderr, StringComparison.Ordinal);
    }

    private Task<FaasRun> RunAsync(string? apiKey, params string[] arguments) => RunAsync(apiKey, arguments, null);

    private Task<FaasRun> RunAsync(string? apiKey, string[] arguments, byte[]? input) =>
        FaasClientProcess.RunAsync(Platform.Gateway, apiKey, arguments, input, dataDirectory: Platform.DataDirectory);
}
