using System.Text.Json;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Commands;

/// <summary>`faas bench coldstart` against a real sample through a real worker endpoint.</summary>
public sealed class BenchColdstartCommandTests(SampleImages samples) : IClassFixture<SampleImages>
{
    private readonly SampleImages _samples = samples;

    [Fact]
    public async Task Json_report_times_boot_restore_and_warm_first_responses()
    {
        var result = await FaasProcess.RunAsync(
            "bench", "coldstart", "--backend", "qemu", "--image", SampleImages.Reference("busybox-http"), "--runs", "2", "--memory", "128", "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var root = report.RootElement;
        foreach (var kind in new[] { "boot", "restore", "warm" })
        {
            var samples = root.GetProperty($"{kind}Ms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(2, samples.Length);
            Assert.All(samples, ms => Assert.InRange(ms, 0.1, 120_000));
            Assert.Equal(samples.Min(), root.GetProperty(kind).GetProperty("min").GetDouble());
        }

        // Which start is faster is the benchmark's finding, not something a test on a busy machine can assert.
        var ratio = root.GetProperty("boot").GetProperty("p50").GetDouble() / root.GetProperty("restore").GetProperty("p50").GetDouble();
        Assert.Equal(ratio, root.GetProperty("bootToRestoreP50").GetDouble(), 0.1);
        Assert.Equal("qemu", root.GetProperty("backend").GetString());
        Assert.Contains("restore 2/2: first response in", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_without_a_leading_slash_is_refused()
    {
        var result = await FaasProcess.RunAsync("bench", "coldstart", "--image", SampleImages.Reference("busybox-http"), "--path", "init");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--path", result.StandardError, StringComparison.Ordinal);
    }
}
