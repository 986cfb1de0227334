using System.Text;

namespace Faas.Gateway.Management;

/// <summary>
/// Splits a command line into words as a POSIX shell would, without any expansion: blanks separate words, single quotes keep
/// everything literally, double quotes keep all but <c>\" \\ \$ \`</c> escapes, a backslash outside quotes escapes the next
/// character. <see cref="Join"/> quotes words back into a line that splits into the same words.
/// </summary>
public static class ShellWords
{
    /// <returns>The words, or null with <paramref name="error"/> when a quote is not closed or the line ends in a backslash.</returns>
    public static IReadOnlyList<string>? Split(string line, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        error = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = "a single quote is not closed";
                        return null;
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    while (i < line.Length && line[i] != '"')
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`' or '\n')
                        {
                            i++;
                            if (line[i] != '\n')
                            {
                                word.Append(line[i]);
                            }
                        }
                        else
                        {
                            word.Append(line[i]);
                        }

                        i++;
                    }

                    if (i >= line.Length)
                    {
                        error = "a double quote is not closed";
                        return null;
                    }

                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= line.Length)
                    {
                        error = "the command ends with a backslash";
                        return null;
                    }

                    i++;
                    if (line[i] != '\n')
                    {
                        word.Append(line[i]);
                        inWord = true;
                    }

                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    public static string Join(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return string.Join(' ', words.Select(Quote));
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(IsPlain) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c, StringComparison.Ordinal);
}
