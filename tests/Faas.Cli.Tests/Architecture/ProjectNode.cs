namespace Faas.Cli.Tests.Architecture;

/// <summary>One .csproj: its name (file name without extension), path relative to the repository, and the projects it references.</summary>
internal sealed record ProjectNode(string Name, string File, bool IsTestProject, IReadOnlyList<string> ReferencedFiles)
{
    public IEnumerable<string> References => ReferencedFiles.Select(Path.GetFileNameWithoutExtension).OfType<string>();
}
