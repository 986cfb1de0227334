using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Faas.LoadTest.Scenarios;

/// <summary>Go-style durations ("500ms", "20s", "1m30s") or a plain number of seconds, as lib/plan.js reads them.</summary>
public static partial class Durations
{
    /// <exception cref="ScenarioException">Not a duration, or negative.</exception>
    public static TimeSpan Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (PlainNumber().IsMatch(trimmed))
        {
            return TimeSpan.FromMilliseconds(double.Parse(trimmed, CultureInfo.InvariantCulture) * 1000);
        }

        var totalMs = 0.0;
        var consumed = 0;
        foreach (Match part in Part().Matches(trimmed))
        {
            if (part.Index != consumed)
            {
                break;
            }

            totalMs += double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture) * UnitMilliseconds(part.Groups[2].Value);
            consumed = part.Index + part.Length;
        }

        if (consumed == 0 || consumed != trimmed.Length)
        {
            throw new ScenarioException($"{field}: '{trimmed}' is not a duration such as 500ms, 20s or 1m30s");
        }

        return TimeSpan.FromMilliseconds(totalMs);
    }

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null)
        {
            return false;
        }

        try
        {
            duration = Parse(text, "duration");
            return true;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    /// <summary>"1m30s", "20s", "1.5s", "250ms".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        }

        var text = new StringBuilder();
        if (duration.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h");
        }

        if (duration.TotalMinutes >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        var seconds = duration.Seconds + (duration.Milliseconds / 1000.0);
        if (seconds > 0 || text.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds.ToString("0.###", CultureInfo.InvariantCulture)}s");
        }

        return text.ToString();
    }

    private static double UnitMilliseconds(string unit) => unit switch
    {
        "ns" => 1e-6,
        "us" or "µs" => 1e-3,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => 3_600_000,
    };

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();
}
