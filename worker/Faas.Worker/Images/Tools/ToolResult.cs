using System.Text;

namespace Faas.Worker.Images.Tools;

/// <param name="StandardOutput">Standard output, byte for byte.</param>
internal sealed record ToolResult(ToolInvocation Invocation, int ExitCode, byte[] StandardOutput, IReadOnlyList<string> StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string StandardOutputText => Encoding.UTF8.GetString(StandardOutput);

    /// <summary>The last non-empty line of standard error, where tools put their final error.</summary>
    public string? LastErrorLine => StandardError.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim();
}
