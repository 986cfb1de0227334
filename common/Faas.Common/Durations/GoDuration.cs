using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Faas.Common.Durations;

/// <summary>
/// Go-style durations ("500ms", "30s", "5m", "1h30m", "1.5h") as Go's time.ParseDuration reads them and Duration.String writes
/// them; a plain number is seconds (as in JSON). Negative durations are refused.
/// </summary>
internal static class GoDuration
{
    private static readonly decimal MaxTicks = TimeSpan.MaxValue.Ticks;

    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            return false;
        }

        if (IsNumber(s))
        {
            return TryFromSeconds(decimal.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), out duration);
        }

        decimal ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && IsNumberChar(s[i]))
            {
                i++;
            }

            var unitStart = i;
            while (i < s.Length && !IsNumberChar(s[i]))
            {
                i++;
            }

            if (!decimal.TryParse(s.AsSpan(numberStart, unitStart - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || UnitTicks(s[unitStart..i]) is not { } unit
                || number > (MaxTicks - ticks) / unit)
            {
                return false;
            }

            ticks += number * unit;
        }

        return TryFromTicks(ticks, out duration);
    }

    public static bool TryFromSeconds(decimal seconds, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        return seconds >= 0 && seconds <= MaxTicks / TimeSpan.TicksPerSecond && TryFromTicks(seconds * TimeSpan.TicksPerSecond, out duration);
    }

    /// <summary>Go's Duration.String: "0s", "500ms", "30s", "5m0s", "1h30m0s", "1.5s".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            text.Append('-');
            duration = duration.Duration();
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            var (value, unit) = duration.Ticks switch
            {
                >= TimeSpan.TicksPerMillisecond => ((decimal)duration.Ticks / TimeSpan.TicksPerMillisecond, "ms"),
                >= TimeSpan.TicksPerMicrosecond => ((decimal)duration.Ticks / TimeSpan.TicksPerMicrosecond, "µs"),
                _ => ((decimal)duration.Ticks * 100, "ns"),
            };
            return text.Append(Number(value)).Append(unit).ToString();
        }

        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || duration.Minutes > 0)
        {
            text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = (decimal)(duration.Ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond;
        return text.Append(Number(seconds)).Append('s').ToString();
    }

    /// <summary>As <see cref="Format"/> without zero trailing units, as people write durations: "5m", "1h30m", "1h", "1m30s".</summary>
    public static string FormatShort(TimeSpan duration)
    {
        var text = Format(duration);
        foreach (var zeroUnit in (ReadOnlySpan<string>)["0s", "0m"])
        {
            if (text.Length > zeroUnit.Length && text.EndsWith(zeroUnit, StringComparison.Ordinal) && text[^(zeroUnit.Length + 1)] is 'h' or 'm')
            {
                text = text[..^zeroUnit.Length];
            }
        }

        return text;
    }

    private static decimal? UnitTicks(string unit) => unit switch
    {
        "ns" => 0.01m,
        "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => null,
    };

    /// <summary>Rounds up, so that a positive duration never becomes zero.</summary>
    private static bool TryFromTicks(decimal ticks, out TimeSpan duration)
    {
        ticks = Math.Ceiling(ticks);
        var inRange = ticks >= 0 && ticks <= MaxTicks;
        duration = inRange ? TimeSpan.FromTicks((long)ticks) : TimeSpan.Zero;
        return inRange;
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c == '.';

    private static bool IsNumber(string s) => s.All(IsNumberChar) && s.Count(c => c == '.') <= 1 && s.Any(char.IsAsciiDigit);
}
