namespace Faas.Guest.Artifacts.Caching;

/// <summary>Finds the faas source tree (the directory holding faas.sln and guest/) the artifacts are built from.</summary>
internal static class SourceRootLocator
{
    public const string SourceDirectoryVariable = "FAAS_SOURCE_DIR";
    public const string MarkerFile = "faas.sln";

    public static string Find(string? explicitRoot)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            var root = Path.GetFullPath(explicitRoot);
            return Directory.Exists(Path.Combine(root, "guest"))
                ? root
                : throw new GuestSourceNotFoundException($"'{root}' is not a faas source tree: it has no guest/ directory.");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(SourceDirectoryVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return FindUpwards(Path.GetFullPath(fromEnvironment))
                ?? throw new GuestSourceNotFoundException($"{SourceDirectoryVariable} is '{fromEnvironment}', but neither it nor any directory above it holds {MarkerFile}.");
        }

        return FindUpwards(AppContext.BaseDirectory)
            ?? throw new GuestSourceNotFoundException($"The faas source tree was not found: no directory above '{AppContext.BaseDirectory}' holds {MarkerFile}. Set {SourceDirectoryVariable} to the repository root.");
    }

    private static string? FindUpwards(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, MarkerFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
