namespace Faas.Guest.Artifacts.Tools;

/// <param name="Output">Standard output and standard error lines, interleaved in the order they arrived.</param>
internal sealed record ToolResult(ToolInvocation Invocation, int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError, IReadOnlyList<string> Output)
{
    public const int TailLineCount = 20;

    public bool Succeeded => ExitCode == 0;

    public IReadOnlyList<string> OutputTail => Output.Count <= TailLineCount ? Output : Output.Skip(Output.Count - TailLineCount).ToList();

    /// <summary>The last non-empty line of standard output, which scripts use to print their result.</summary>
    public string? LastOutputLine => StandardOutput.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim();

    /// <exception cref="ArtifactBuildException">The program exited with a non-zero code.</exception>
    public ToolResult EnsureSuccess()
    {
        return Succeeded ? this : throw ToException();
    }

    public ArtifactBuildException ToException(string? problem = null)
    {
        return new ArtifactBuildException(Invocation.DisplayName, ExitCode, OutputTail, problem);
    }
}
