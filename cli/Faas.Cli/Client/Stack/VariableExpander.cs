using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Faas.Cli.Client.Stack;

/// <summary>Expands ${VAR} and ${VAR:-default} in stack file values from the environment; $$ is a literal $.</summary>
public static class VariableExpander
{
    public static bool TryExpand(string value, Func<string, string?> environment, [NotNullWhen(true)] out string? expanded, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(environment);
        expanded = null;
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            expanded = value;
            error = null;
            return true;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            if (value[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            if (value[i + 1] != '{')
            {
                result.Append('$');
                continue;
            }

            var close = value.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = $"'{value}' has a '${{' without its '}}'";
                return false;
            }

            var reference = value[(i + 2)..close];
            var fallbackAt = reference.IndexOf(":-", StringComparison.Ordinal);
            var name = fallbackAt >= 0 ? reference[..fallbackAt] : reference;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                error = $"'${{{reference}}}' is not a variable reference (expected ${{NAME}} or ${{NAME:-default}})";
                return false;
            }

            var variable = environment(name);
            if (variable is null || (variable.Length == 0 && fallbackAt >= 0))
            {
                if (fallbackAt < 0)
                {
                    error = $"the environment variable {name} is not set (use ${{{name}:-default}} for a default)";
                    return false;
                }

                variable = reference[(fallbackAt + 2)..];
            }

            result.Append(variable);
            i = close;
        }

        expanded = result.ToString();
        error = null;
        return true;
    }
}
