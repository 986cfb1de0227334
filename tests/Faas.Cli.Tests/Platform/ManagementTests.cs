using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Platform;

/// <summary>The management API: list, describe, logs, remove, tenants, and deploys that must fail clearly.</summary>
[Collection(PlatformGroup.Name)]
public sealed class ManagementTests(PlatformFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deployed_function_is_listed_described_logged_and_removed()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("managed", SampleImages.Reference("busybox-http"), spec =>
        {
            spec["labels"] = new JsonObject { ["team"] = "web" };
            spec["memory"] = "192Mi";
            spec["maxInstances"] = 3;
        }));
        using var call = await client.GetAsync("/function/managed/status/201", Token);

        var list = JsonNode.Parse(await client.GetStringAsync("/system/functions", Token))!.AsArray();
        var described = await Gateway.DescribeAsync(client, "managed");
        var logs = await client.GetStringAsync("/system/logs?name=managed", Token);
        using var removed = await client.DeleteAsync("/system/functions?name=managed", Token);
        using var afterRemove = await client.GetAsync("/function/managed", Token);
        using var describeAfter = await client.GetAsync("/system/function/managed", Token);

        Assert.Contains(list, item => item!["name"]!.GetValue<string>() == "managed");
        Assert.Equal(SampleImages.Reference("busybox-http"), described["image"]!.GetValue<string>());
        Assert.Equal("default", described["namespace"]!.GetValue<string>());
        Assert.Equal("web", described["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("192Mi", described["memory"]!.GetValue<string>());
        Assert.Equal(3, described["maxInstances"]!.GetValue<int>());
        Assert.Equal("ready", described["snapshot"]!.GetValue<string>());
        Assert.StartsWith("sha256:", described["imageDigest"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(described["invocationCount"]!.GetValue<long>() >= 1);
        var lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Contains(lines, line => line["text"]!.GetValue<string>().Contains("GET /status/201", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Equal("managed", line["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRemove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, describeAfter.StatusCode);
    }

    [Fact]
    public async Task Tenants_never_see_call_or_read_logs_of_each_others_functions()
    {
        using var admin = fixture.Platform.Client();
        await Gateway.DeployAsync(admin, Gateway.Deploy("private", SampleImages.Reference("busybox-http")));
        using var created = await admin.PostAsJsonAsync("/system/tenants", new { name = "acme" }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var acmeKey = JsonNode.Parse(await created.Content.ReadAsStringAsync(Token))!["apiKey"]!.GetValue<string>();
        using var acme = fixture.Platform.Client(acmeKey);

        using var call = await acme.GetAsync("/function/private", Token);
        using var describe = await acme.GetAsync("/system/function/private", Token);
        using var logs = await acme.GetAsync("/system/logs?name=private", Token);
        using var remove = await acme.DeleteAsync("/system/functions?name=private", Token);
        var list = JsonNode.Parse(await acme.GetStringAsync("/system/functions", Token))!.AsArray();
        using var tenants = await acme.PostAsJsonAsync("/system/tenants", new { name = "evil" }, Token);
        using var stillThere = await admin.GetAsync("/function/private", Token);

        Assert.Equal(
            (HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (call.StatusCode, describe.StatusCode, logs.StatusCode, remove.StatusCode));
        Assert.DoesNotContain(list, item => item!["name"]!.GetValue<string>() == "private");
        Assert.Equal(HttpStatusCode.Forbidden, tenants.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task An_image_that_does_not_exist_is_a_400_that_names_it()
    {
        using var client = fixture.Platform.Client();

        using var response = await Gateway.SendDeployAsync(client, Gateway.Deploy("ghost", "127.0.0.1:5000/samples/no-such-image:latest"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no-such-image", Gateway.Detail(await Gateway.ProblemAsync(response)), StringComparison.Ordinal);
        using var describe = await client.GetAsync("/system/function/ghost", Token);
        Assert.Equal(HttpStatusCode.NotFound, describe.StatusCode);
    }

    [Theory]
    [InlineData("{\"service\": \"bad\", \"image\": ", "line")]
    [InlineData("{\"service\": \"bad\", \"image\": \"x\", \"secrets\": [\"a\"]}", "secrets")]
    [InlineData("{\"service\": \"bad\", \"image\": \"x\", \"colour\": \"blue\"}", "colour")]
    [InlineData("{\"service\": \"Bad_Name\", \"image\": \"x\"}", "Bad_Name")]
    [InlineData("{\"service\": \"bad\", \"image\": \"x\", \"minInstances\": 5, \"maxInstances\": 2}", "minInstances")]
    [InlineData("{\"service\": \"bad\", \"image\": \"x\", \"timeout\": \"soon\"}", "timeout")]
    [InlineData("{\"service\": \"bad\"}", "image")]
    public async Task A_malformed_deploy_is_a_400_that_says_what_is_wrong(string json, string mentioned)
    {
        using var client = fixture.Platform.Client();

        using var response = await client.PostAsync("/system/functions", new StringContent(json, Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, Gateway.Detail(await Gateway.ProblemAsync(response)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_conflicts_with_another_spec_and_update_of_a_missing_function_is_404()
    {
        using var client = fixture.Platform.Client();
        await Gateway.DeployAsync(client, Gateway.Deploy("modes", SampleImages.Reference("busybox-http")));

        using var same = await Gateway.SendDeployAsync(client, Gateway.Deploy("modes", SampleImages.Reference("busybox-http")));
        using var conflict = await Gateway.SendDeployAsync(client, Gateway.Deploy("modes", SampleImages.Reference("busybox-http"), spec => spec["maxInstances"] = 2));
        using var missing = await Gateway.SendDeployAsync(client, Gateway.Deploy("modes-missing", SampleImages.Reference("busybox-http")), update: true);

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
