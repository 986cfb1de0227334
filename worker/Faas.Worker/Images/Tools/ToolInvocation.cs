namespace Faas.Worker.Images.Tools;

/// <param name="FileName">The program, a path or a name looked up on PATH.</param>
/// <param name="Arguments">Arguments, passed without shell interpretation. Never put secrets here: other users can read them in /proc.</param>
internal sealed record ToolInvocation(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Receives each line the program writes to standard error, as it is written.</summary>
    public IProgress<string>? StandardErrorLines { get; init; }

    /// <summary>Receives each line the program writes to standard output, as it is written; the bytes are collected either way.</summary>
    public IProgress<string>? StandardOutputLines { get; init; }
}
