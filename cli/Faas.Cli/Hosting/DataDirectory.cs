namespace Faas.Cli.Hosting;

/// <summary>Where faas keeps its state on this machine (the embedded platform's store, the API key of `faas up`).</summary>
public static class DataDirectory
{
    public const string Variable = "FAAS_DATA_DIR";

    /// <summary>
    /// The first of: <paramref name="explicitDirectory"/>, $FAAS_DATA_DIR, $XDG_DATA_HOME/faas, ~/.local/share/faas.
    /// The directory is not created.
    /// </summary>
    public static string Resolve(string? explicitDirectory = null) => Resolve(explicitDirectory, Environment.GetEnvironmentVariable);

    public static string Resolve(string? explicitDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }

        if (environment(Variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (environment("XDG_DATA_HOME") is { Length: > 0 } dataHome && Path.IsPathRooted(dataHome))
        {
            return Path.Combine(dataHome, "faas");
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "faas");
    }
}
