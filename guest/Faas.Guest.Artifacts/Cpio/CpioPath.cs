namespace Faas.Guest.Artifacts.Cpio;

/// <summary>Archive member names: relative, '/'-separated, without empty, "." or ".." components or NUL characters.</summary>
internal static class CpioPath
{
    public static void Validate(string path, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        if (path.Length == 0)
        {
            throw new ArgumentException("An archive path cannot be empty.", parameterName);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The archive path '{path.Replace('\0', '?')}' contains a NUL character.", parameterName);
        }

        if (path.StartsWith('/'))
        {
            throw new ArgumentException($"The archive path '{path}' is absolute; archive paths are relative to the archive root (write '{path.TrimStart('/')}').", parameterName);
        }

        foreach (var component in path.Split('/'))
        {
            if (component is "" or "." or "..")
            {
                throw new ArgumentException($"The archive path '{path}' has an empty, '.' or '..' component.", parameterName);
            }
        }

        if (path == CpioFormat.TrailerName)
        {
            throw new ArgumentException($"'{CpioFormat.TrailerName}' is reserved: it marks the end of a cpio archive.", parameterName);
        }
    }

    public static IEnumerable<string> ParentsOf(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }
}
