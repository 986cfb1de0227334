using System.Text.Json;
using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;
using Faas.LoadTest.Tests.Support;
using Faas.Tests.Shared;

namespace Faas.LoadTest.Tests.Platform;

/// <summary>
/// `faas loadtest cold`, short, as a user runs it: it starts a real `faas up` (QEMU guests, the sample images from the loopback
/// registry), deploys one function per call and reports restores, instances and VM memory.
/// </summary>
[Collection(TimingTests.Name)]
public sealed class LoadtestEndToEndTests
{
    [Fact]
    public async Task A_short_cold_run_reports_restore_figures_instances_and_memory()
    {
        var output = Directory.CreateTempSubdirectory("faas-loadtest-e2e-").FullName;
        var markdownPath = Path.Combine(output, "cold.md");
        var svgPath = Path.Combine(output, "cold.svg");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(20));

        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments([
                Path.Combine(AppContext.BaseDirectory, "faas.dll"), "loadtest", "cold", "--engine", "builtin",
                "--rate", "1", "--duration", "3s", "--json", "--markdown", markdownPath, "--svg", svgPath])
            .WithEnvironmentVariables(environment => environment.Set("FAAS_SOURCE_DIR", RepositoryRoot.Path))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StandardError}");
        using var report = JsonDocument.Parse(result.StandardOutput);
        var root = report.RootElement;
        Assert.Equal("builtin", root.GetProperty("engine").GetString());
        var run = Assert.Single(root.GetProperty("backends").EnumerateArray());
        Assert.Equal("qemu", run.GetProperty("backend").GetString());
        var pass = Assert.Single(run.GetProperty("passes").EnumerateArray());
        Assert.Equal("gateway", pass.GetProperty("target").GetString());
        Assert.Equal(3, pass.GetProperty("deployedFunctions").GetInt32());

        var starts = pass.GetProperty("figures").GetProperty("starts").EnumerateArray().ToList();
        var restore = starts.Single(kind => kind.GetProperty("start").GetString() == "restore");
        Assert.Equal(3, restore.GetProperty("ok").GetInt64());
        Assert.True(restore.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(restore.GetProperty("maxMs").GetDouble() >= restore.GetProperty("p50Ms").GetDouble());
        Assert.Equal(0, pass.GetProperty("figures").GetProperty("all").GetProperty("errors").GetInt64());

        var instances = pass.GetProperty("instances");
        Assert.Equal(3, instances.GetProperty("instances").GetInt32());
        Assert.Equal(3, instances.GetProperty("vmProcesses").GetInt32());
        Assert.True(instances.GetProperty("pssMeanMiB").GetDouble() > 1);

        var markdown = await File.ReadAllTextAsync(markdownPath, TestContext.Current.CancellationToken);
        Assert.Contains("| gateway | restore | 3 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("not hardware-KVM figures", markdown, StringComparison.Ordinal);
        Assert.Contains("(cold.svg)", markdown, StringComparison.Ordinal);
        Assert.Equal("svg", XDocument.Load(svgPath).Root!.Name.LocalName);
        Directory.Delete(output, recursive: true);
    }
}
