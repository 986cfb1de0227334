namespace Faas.Tests.Shared;

/// <summary>The repository the tests run from: $FAAS_SOURCE_DIR, else the nearest parent of the test binaries holding faas.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("FAAS_SOURCE_DIR") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "faas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no faas.sln above {AppContext.BaseDirectory}");
    }
}
