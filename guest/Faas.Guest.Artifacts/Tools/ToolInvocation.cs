namespace Faas.Guest.Artifacts.Tools;

/// <param name="FileName">The program, a path or a name looked up on PATH.</param>
/// <param name="Arguments">Arguments, passed without shell interpretation.</param>
internal sealed record ToolInvocation(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Receives each line the program writes to standard error, as it is written.</summary>
    public IProgress<string>? StandardErrorLines { get; init; }

    /// <summary>How the program is named in errors, e.g. "dotnet publish".</summary>
    public string DisplayName { get; init; } = FileName;
}
