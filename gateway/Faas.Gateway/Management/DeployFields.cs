namespace Faas.Gateway.Management;

/// <summary>The members a deploy request may have, what each must be, and the OpenFaaS members faas does not implement.</summary>
public static class DeployFields
{
    private const string Text = "a string";
    private const string Strings = "an object whose values are strings";
    private const string WholeNumber = "a whole number";
    private const string Duration = "a duration such as \"30s\" or a number of seconds";
    private const string Size = "a size such as \"256Mi\" or a number of MiB";
    private const string Resources = "an object with \"memory\" and \"cpu\"";

    /// <summary>Top-level members and what their values must be.</summary>
    public static IReadOnlyDictionary<string, string> Top { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["service"] = Text,
        ["image"] = Text,
        ["envProcess"] = Text,
        ["envVars"] = Strings,
        ["labels"] = Strings,
        ["annotations"] = Strings,
        ["limits"] = Resources,
        ["requests"] = Resources,
        ["minInstances"] = WholeNumber,
        ["maxInstances"] = WholeNumber,
        ["maxConcurrency"] = WholeNumber,
        ["keepAlive"] = Duration,
        ["timeout"] = Duration,
        ["memory"] = Size,
        ["port"] = WholeNumber,
        ["user"] = Text,
    };

    /// <summary>Members of <c>limits</c> and <c>requests</c>.</summary>
    public static IReadOnlyDictionary<string, string> Resource { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["memory"] = Size,
        ["cpu"] = "a number of CPUs such as \"1\" or \"500m\"",
    };

    /// <summary>OpenFaaS members faas does not implement: refused rather than ignored, so nobody relies on them by mistake.</summary>
    public static IReadOnlySet<string> Unsupported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "secrets", "constraints", "network", "readOnlyRootFilesystem", "namespace",
    };

    public static bool HasResourceMembers(string name) => name is "limits" or "requests";

    /// <summary>What the value at a JSON path ("$.limits.cpu", "$.envVars.HOME") must be, and the field to name.</summary>
    public static (string Field, string Expected) Describe(string? path)
    {
        var segments = (path ?? "$").TrimStart('$').TrimStart('.').Split('.', 3);
        var top = segments[0].Split('[')[0];
        if (HasResourceMembers(top) && segments.Length > 1 && Resource.TryGetValue(segments[1], out var member))
        {
            return ($"{top}.{segments[1]}", member);
        }

        return Top.TryGetValue(top, out var expected) ? (top, expected) : (top.Length == 0 ? "(body)" : top, "a JSON object");
    }
}
