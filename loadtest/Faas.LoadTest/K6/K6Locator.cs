namespace Faas.LoadTest.K6;

/// <summary>Finds the k6 executable on PATH.</summary>
public static class K6Locator
{
    public const string InstallUrl = "https://k6.io/docs/get-started/installation/";

    /// <summary>The full path of k6, or null when it is not on PATH.</summary>
    public static string? Find(string? pathVariable = null)
    {
        pathVariable ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "k6");
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        return null;
    }
}
