using System.Text;

namespace Faas.Guest.Artifacts;

/// <summary>An external tool needed to build a guest artifact failed. The message names the tool, its exit code and the last lines it printed.</summary>
public sealed class ArtifactBuildException : Exception
{
    public ArtifactBuildException()
    {
        Tool = "";
        OutputTail = [];
    }

    public ArtifactBuildException(string message)
        : base(message)
    {
        Tool = "";
        OutputTail = [];
    }

    public ArtifactBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tool = "";
        OutputTail = [];
    }

    public ArtifactBuildException(string tool, int? exitCode, IReadOnlyList<string> outputTail, string? problem = null, Exception? innerException = null)
        : base(Describe(tool, exitCode, outputTail, problem), innerException)
    {
        Tool = tool;
        ExitCode = exitCode;
        OutputTail = outputTail;
    }

    /// <summary>The tool, e.g. "dotnet publish" or "ldd".</summary>
    public string Tool { get; }

    /// <summary>Null when the tool did not run (it could not be started).</summary>
    public int? ExitCode { get; }

    public IReadOnlyList<string> OutputTail { get; }

    private static string Describe(string tool, int? exitCode, IReadOnlyList<string> outputTail, string? problem)
    {
        var message = new StringBuilder();
        message.Append(problem ?? (exitCode is { } code ? $"{tool} failed with exit code {code}." : $"{tool} failed."));
        if (problem is not null && exitCode is { } exit)
        {
            message.Append($" ({tool} exited with code {exit}.)");
        }

        if (outputTail.Count > 0)
        {
            message.Append(" Last lines of its output:");
            foreach (var line in outputTail)
            {
                message.Append('\n').Append("  ").Append(line);
            }
        }

        return message.ToString();
    }
}
