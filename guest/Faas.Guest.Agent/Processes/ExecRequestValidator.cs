using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Processes;

/// <summary>Rejects requests that cannot be turned into argv and envp.</summary>
internal static class ExecRequestValidator
{
    /// <returns>Why the request cannot run, or null when it is well-formed.</returns>
    public static string? Validate(ExecRequest request)
    {
        if (request.Argv is null || request.Argv.Count == 0 || string.IsNullOrEmpty(request.Argv[0]))
        {
            return "cannot run an empty command: argv is empty";
        }

        for (var i = 0; i < request.Argv.Count; i++)
        {
            if (request.Argv[i] is null || request.Argv[i].Contains('\0', StringComparison.Ordinal))
            {
                return $"cannot run '{request.Argv[0]}': argument {i} is null or contains a NUL character";
            }
        }

        if (request.WorkingDirectory is { } directory && (directory.Length == 0 || directory.Contains('\0', StringComparison.Ordinal)))
        {
            return $"cannot run '{request.Argv[0]}': the working directory is empty or contains a NUL character";
        }

        foreach (var (name, value) in request.Environment ?? new Dictionary<string, string>())
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                return $"cannot run '{request.Argv[0]}': invalid environment variable name '{name}'";
            }

            if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                return $"cannot run '{request.Argv[0]}': environment variable '{name}' is null or contains a NUL character";
            }
        }

        return null;
    }
}
