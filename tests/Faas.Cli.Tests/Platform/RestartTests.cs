using System.Net;
using System.Text.Json.Nodes;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Platform;

/// <summary>Stopping and starting `faas up` on the same data directory keeps every deployment, version and tenant.</summary>
[Collection(PlatformGroup.Name)]
public sealed class RestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deployments_versions_and_keys_survive_a_restart_and_the_first_call_after_it_restores()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("faas-restart-").FullName;
        try
        {
            string key;
            await using (var platform = await RunningPlatform.StartAsync(dataDirectory))
            {
                key = platform.ApiKey;
                Assert.Contains("API key (shown once", platform.Stderr, StringComparison.Ordinal);
                using var client = platform.Client();
                await Gateway.DeployAsync(client, Gateway.Deploy("kept", SampleImages.Reference("busybox-http")));
                await Gateway.DeployAsync(client, Gateway.Deploy("kept", SampleImages.Reference("busybox-http"), spec => spec["envVars"] = new JsonObject { ["V"] = "2" }), update: true);
                using var call = await client.GetAsync("/function/kept", Token);
                Assert.Equal(HttpStatusCode.OK, call.StatusCode);
                Assert.Equal(0, await platform.StopAsync());
            }

            await using var restarted = await RunningPlatform.StartAsync(dataDirectory);
            using var again = restarted.Client();
            var described = await Gateway.DescribeAsync(again, "kept");
            using var first = await again.GetAsync("/function/kept/env/V", Token);

            Assert.Equal(key, restarted.ApiKey);
            Assert.DoesNotContain("shown once", restarted.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, described["version"]!.GetValue<int>());
            Assert.Equal((HttpStatusCode.OK, "2", "restore"), (first.StatusCode, await first.Content.ReadAsStringAsync(Token), Gateway.Start(first)));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
