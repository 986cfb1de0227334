using System.Net;
using System.Text.RegularExpressions;
using Faas.Gateway.Tests.Platform;

namespace Faas.Gateway.Tests.Hosting;

[Collection(PlatformGroup.Name)]
public sealed partial class HealthAndMetricsTests(PlatformFixture platform)
{
    private static readonly string[] ForbiddenLabels = ["tenant", "function", "name", "namespace"];
    private static readonly string[] ForbiddenValues = ["hello", "default", "no-such-function"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_answers_ok_without_a_key_once_the_scheduler_answers()
    {
        using var response = await platform.SendAsync(HttpMethod.Get, "/healthz", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Metrics_count_invocations_by_start_and_code_without_tenant_or_function_labels()
    {
        await platform.EnsureSharedFunctionAsync();
        using (var call = await platform.SendAsync(HttpMethod.Get, "/function/hello/", platform.AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        using (var missing = await platform.SendAsync(HttpMethod.Get, "/function/no-such-function", platform.AdminKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // The exporter caches a scrape for a short while; the next one has the calls.
        var text = "";
        for (var attempt = 0; attempt < 50 && !Regex.IsMatch(text, InvocationLine("code=\"404\"", "start=\"none\"")); attempt++)
        {
            await Task.Delay(200, Token);
            using var response = await platform.SendAsync(HttpMethod.Get, "/metrics", key: null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync(Token);
        }

        var invocations = string.Join('\n', text.Split('\n').Where(line => line.StartsWith("faas_invocations_total", StringComparison.Ordinal)));
        Assert.True(Regex.IsMatch(text, InvocationLine("code=\"200\"", "start=\"(warm|restore|boot)\"")), invocations);
        Assert.True(Regex.IsMatch(text, InvocationLine("code=\"404\"", "start=\"none\"")), invocations);
        Assert.Contains("faas_invocation_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("faas_invocation_duration_seconds_count{", text, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', text.Split('\n').Where(line => line.StartsWith("faas_", StringComparison.Ordinal) && !line.Contains("_bucket", StringComparison.Ordinal))));

        // The scheduler's and the worker's meters, created in this same process, are exported too.
        Assert.Contains("faas_deploys_total{", text, StringComparison.Ordinal);
        Assert.Contains("faas_instances{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_total_total", text, StringComparison.Ordinal);
        foreach (Match label in LabelPattern().Matches(text))
        {
            Assert.DoesNotContain(label.Groups["name"].Value, ForbiddenLabels);
            Assert.DoesNotContain(label.Groups["value"].Value, ForbiddenValues);
        }
    }

    private static string InvocationLine(string first, string second) =>
        $"faas_invocations_total\\{{[^}}]*({first}[^}}]*{second}|{second}[^}}]*{first})[^}}]*\\}} [1-9]";

    [GeneratedRegex("(?<name>[a-z_]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex LabelPattern();
}
