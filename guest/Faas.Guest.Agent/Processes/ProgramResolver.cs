using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Processes;

/// <summary>Finds the file to run for a program name the way execvp does, but in the PATH the child will have.</summary>
internal static class ProgramResolver
{
    public static bool TryResolve(
        string program,
        string searchPath,
        string workingDirectory,
        [NotNullWhen(true)] out string? path,
        [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (program.Contains('/', StringComparison.Ordinal))
        {
            path = program;
            return true;
        }

        var foundButNotExecutable = false;
        foreach (var directory in searchPath.Split(':'))
        {
            // Relative PATH entries are relative to the directory the child will run in.
            var candidate = Path.Combine(workingDirectory, directory.Length == 0 ? "." : directory, program);
            if (!File.Exists(candidate))
            {
                continue;
            }

            if (LibC.access(candidate, LibC.X_OK) == 0)
            {
                path = candidate;
                return true;
            }

            foundButNotExecutable = true;
        }

        path = null;
        error = foundButNotExecutable
            ? $"cannot run '{program}': {Marshal.GetPInvokeErrorMessage(LibC.EACCES)}"
            : $"cannot run '{program}': not found in PATH ({searchPath})";
        return false;
    }
}
