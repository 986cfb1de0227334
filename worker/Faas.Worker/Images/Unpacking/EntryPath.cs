namespace Faas.Worker.Images.Unpacking;

/// <summary>Layer entry names and link targets, resolved lexically against the image root (never against the host's file system).</summary>
internal static class EntryPath
{
    /// <summary>
    /// Turns a tar entry name into a path relative to the image root without "." or ".." components ("" is the root itself).
    /// Absolute names and names whose ".." climb above the root are refused.
    /// </summary>
    public static bool TryNormalize(string name, out string relative, out string problem)
    {
        relative = "";
        problem = "";
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            problem = "has an empty or invalid name";
            return false;
        }

        if (name.StartsWith('/'))
        {
            problem = "is an absolute path";
            return false;
        }

        return TryResolve([], name, out relative, out problem);
    }

    /// <summary>
    /// Checks a symbolic link's target: absolute targets are fine (the guest resolves them inside the image), relative ones
    /// must not climb above the root from the link's directory.
    /// </summary>
    public static bool IsSafeSymlinkTarget(string linkRelative, string target)
    {
        if (target.StartsWith('/'))
        {
            return true;
        }

        var directory = Parent(linkRelative);
        return TryResolve(directory.Length == 0 ? [] : directory.Split('/'), target, out _, out _);
    }

    /// <summary>A hard link's target is another entry of the image: a relative name (a leading "/" is read from the image root, as Docker does).</summary>
    public static bool TryNormalizeLinkTarget(string target, out string relative, out string problem)
    {
        return TryNormalize(target.TrimStart('/'), out relative, out problem);
    }

    public static string Parent(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative[..slash];
    }

    public static string FileName(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? relative : relative[(slash + 1)..];
    }

    public static string Combine(string parent, string name) => parent.Length == 0 ? name : $"{parent}/{name}";

    /// <summary>The directories above a path, outermost first: "a" and "a/b" for "a/b/c".</summary>
    public static IEnumerable<string> Ancestors(string relative)
    {
        for (var slash = relative.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = relative.IndexOf('/', slash + 1))
        {
            yield return relative[..slash];
        }
    }

    public static bool IsSameOrBelow(string path, string directory) =>
        directory.Length == 0 || path == directory || (path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal));

    private static bool TryResolve(string[] start, string path, out string relative, out string problem)
    {
        var stack = new List<string>(start);
        foreach (var component in path.Split('/'))
        {
            if (component.Length == 0 || component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (stack.Count == 0)
                {
                    relative = "";
                    problem = "escapes the image root";
                    return false;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            stack.Add(component);
        }

        relative = string.Join('/', stack);
        problem = "";
        return true;
    }
}
