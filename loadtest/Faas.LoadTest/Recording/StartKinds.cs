namespace Faas.LoadTest.Recording;

/// <summary>Values of X-Faas-Start, and the label of a response without one.</summary>
public static class StartKinds
{
    public const string Warm = "warm";
    public const string Restore = "restore";
    public const string Boot = "boot";

    /// <summary>No X-Faas-Start: the call did not reach an instance (e.g. 429 at the gateway, or no response at all).</summary>
    public const string None = "none";

    /// <summary>Every call of a pass, whatever its start.</summary>
    public const string All = "all";

    /// <summary>Report order: warm, restore, boot, anything else by name, none last.</summary>
    public static int Order(string start) => start switch
    {
        Warm => 0,
        Restore => 1,
        Boot => 2,
        None => 4,
        _ => 3,
    };

    public static string Normalize(string? start) => string.IsNullOrWhiteSpace(start) ? None : start.Trim().ToLowerInvariant();
}
