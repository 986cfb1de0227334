using System.Diagnostics.CodeAnalysis;

namespace Faas.Cli.Hosting;

/// <summary>Parses repeated KEY=VALUE arguments.</summary>
public static class EnvironmentArguments
{
    public static bool TryParse(IEnumerable<string> pairs, [NotNullWhen(true)] out Dictionary<string, string>? environment, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                environment = null;
                error = $"environment variable '{pair}' is not KEY=VALUE";
                return false;
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        error = null;
        return true;
    }
}
