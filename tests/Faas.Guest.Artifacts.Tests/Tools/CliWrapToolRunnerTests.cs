using Faas.Guest.Artifacts.Tools;

namespace Faas.Guest.Artifacts.Tests.Tools;

public sealed class CliWrapToolRunnerTests
{
    [Fact]
    public async Task A_failing_tool_becomes_an_exception_naming_it_with_its_exit_code_and_last_lines()
    {
        var script = string.Join("; ", Enumerable.Range(1, 30).Select(i => $"echo line{i} >&2")) + "; echo out; exit 3";
        var progress = new Support.RecordingProgress();
        var invocation = new ToolInvocation("sh", ["-c", script]) { DisplayName = "example-tool", StandardErrorLines = progress };

        var result = await CliWrapToolRunner.Instance.RunAsync(invocation, TestContext.Current.CancellationToken);
        var error = Assert.Throws<ArtifactBuildException>(() => result.EnsureSuccess());

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(30, progress.Messages.Count);
        Assert.Equal("example-tool", error.Tool);
        Assert.Equal(3, error.ExitCode);
        Assert.Equal(ToolResult.TailLineCount, error.OutputTail.Count);
        Assert.StartsWith("example-tool failed with exit code 3.", error.Message, StringComparison.Ordinal);
        Assert.Contains("line30", error.Message, StringComparison.Ordinal);
        Assert.Contains("out", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line5\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_does_not_exist_cannot_be_started()
    {
        var invocation = new ToolInvocation("faas-no-such-tool", []);

        var error = await Assert.ThrowsAsync<ArtifactBuildException>(() => CliWrapToolRunner.Instance.RunAsync(invocation, TestContext.Current.CancellationToken));

        Assert.Null(error.ExitCode);
        Assert.Contains("faas-no-such-tool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_environment_and_working_directory()
    {
        var invocation = new ToolInvocation("sh", ["-c", "echo $FAAS_EXAMPLE; pwd"])
        {
            Environment = new Dictionary<string, string?> { ["FAAS_EXAMPLE"] = "value" },
            WorkingDirectory = "/tmp",
        };

        var result = await CliWrapToolRunner.Instance.RunAsync(invocation, TestContext.Current.CancellationToken);

        Assert.Equal(["value", "/tmp"], result.StandardOutput);
        Assert.Equal("/tmp", result.LastOutputLine);
    }
}
