namespace Faas.Guest.Agent.Processes;

/// <summary>Rejects requests that cannot be turned into argv and envp.</summary>
internal static class ExecRequestValidator
{
    /// <returns>Why the request cannot run, or null when it is well-formed.</returns>
    public static string? Validate(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Argv is null || spec.Argv.Count == 0 || string.IsNullOrEmpty(spec.Argv[0]))
        {
            return "cannot run an empty command: argv is empty";
        }

        for (var i = 0; i < spec.Argv.Count; i++)
        {
            if (spec.Argv[i] is null || spec.Argv[i].Contains('\0', StringComparison.Ordinal))
            {
                return $"cannot run '{spec.Argv[0]}': argument {i} is null or contains a NUL character";
            }
        }

        if (string.IsNullOrEmpty(spec.WorkingDirectory) || spec.WorkingDirectory.Contains('\0', StringComparison.Ordinal))
        {
            return $"cannot run '{spec.Argv[0]}': the working directory is empty or contains a NUL character";
        }

        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string>())
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                return $"cannot run '{spec.Argv[0]}': invalid environment variable name '{name}'";
            }

            if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                return $"cannot run '{spec.Argv[0]}': environment variable '{name}' is null or contains a NUL character";
            }
        }

        if (spec.User is { } user && (user.Length == 0 || user.Contains('\0', StringComparison.Ordinal)))
        {
            return $"cannot run '{spec.Argv[0]}': the user is empty or contains a NUL character";
        }

        return null;
    }
}
