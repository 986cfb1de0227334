using System.Text.Json;

namespace Faas.Cli.Tests.Commands;

public sealed class BenchBootCommandTests
{
    [Fact]
    public async Task Json_report_has_one_sample_per_run_and_consistent_percentiles()
    {
        var result = await FaasProcess.RunAsync("bench", "boot", "--backend", "qemu", "--runs", "2", "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var root = report.RootElement;
        var samples = root.GetProperty("bootToReadyMs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(2, samples.Length);
        Assert.All(samples, ms => Assert.InRange(ms, 1, 120_000));
        var summary = root.GetProperty("bootToReady");
        Assert.Equal(samples.Min(), summary.GetProperty("min").GetDouble());
        Assert.Equal(samples.Max(), summary.GetProperty("max").GetDouble());
        Assert.Equal("qemu", root.GetProperty("backend").GetString());
        Assert.Contains("/dev/kvm", root.GetProperty("host").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_runs_is_refused()
    {
        var result = await FaasProcess.RunAsync("bench", "boot", "--runs", "0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--runs", result.StandardError, StringComparison.Ordinal);
    }
}
