namespace Faas.Guest.Agent.Processes;

/// <summary>The environment every command in the guest starts with, unless a request overrides a variable.</summary>
/// <remarks>HOME is not among them: it comes from the user's passwd entry.</remarks>
internal static class DefaultEnvironment
{
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PATH"] = Path,
        ["TERM"] = "linux",
    };

    /// <summary>The defaults overlaid with <paramref name="overrides"/>.</summary>
    public static Dictionary<string, string> MergedWith(IReadOnlyDictionary<string, string>? overrides)
    {
        var merged = new Dictionary<string, string>(Variables, StringComparer.Ordinal);
        if (overrides is not null)
        {
            foreach (var (name, value) in overrides)
            {
                merged[name] = value;
            }
        }

        return merged;
    }
}
