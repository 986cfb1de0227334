using System.Diagnostics.CodeAnalysis;

namespace Faas.Cli.Client;

/// <summary>Repeated KEY=VALUE (--env, --label, --annotation) and Name:Value (--header) arguments.</summary>
public static class KeyValueArguments
{
    /// <summary>Splits each pair at its first <paramref name="separator"/>; a later pair with the same key wins.</summary>
    /// <param name="what">What the pairs are, for the error ("--env").</param>
    public static bool TryParse(
        IEnumerable<string> pairs,
        string what,
        [NotNullWhen(true)] out Dictionary<string, string>? values,
        [NotNullWhen(false)] out string? error,
        char separator = '=')
    {
        ArgumentNullException.ThrowIfNull(pairs);
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0 || string.IsNullOrWhiteSpace(pair[..at]))
            {
                values = null;
                error = $"{what} '{pair}' is not KEY{separator}VALUE";
                return false;
            }

            values[pair[..at].Trim()] = pair[(at + 1)..];
        }

        error = null;
        return true;
    }

    /// <summary>HTTP headers "Name: value" in order (a header may repeat); the value's leading blanks are dropped, as curl does.</summary>
    public static bool TryParseHeaders(
        IEnumerable<string> headers,
        [NotNullWhen(true)] out List<KeyValuePair<string, string>>? values,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(headers);
        values = [];
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? header[..colon].Trim() : "";
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                values = null;
                error = $"--header '{header}' is not Name:Value";
                return false;
            }

            values.Add(new KeyValuePair<string, string>(name, header[(colon + 1)..].TrimStart()));
        }

        error = null;
        return true;
    }
}
