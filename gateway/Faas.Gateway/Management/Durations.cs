using System.Globalization;
using System.Text;

namespace Faas.Gateway.Management;

/// <summary>Go-style durations ("500ms", "30s", "5m", "1h30m", "1.5h") as Go's time.ParseDuration and Duration.String have them.</summary>
public static class Durations
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ns", 0), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses a Go duration, or a plain number of seconds. Negative durations are refused.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
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
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (!decimal.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unit = Units.Where(u => s.AsSpan(i).StartsWith(u.Unit, StringComparison.Ordinal)).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null)
            {
                return false;
            }

            ticks += unit.Unit == "ns" ? value / 100 : value * unit.Ticks;
            i += unit.Unit.Length;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)Math.Ceiling(ticks));
        return true;
    }

    public static bool TryFromSeconds(decimal seconds, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (seconds < 0 || seconds > (decimal)TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
        return true;
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
                >= 10 => ((decimal)duration.Ticks / 10, "µs"),
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

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    private static bool IsNumber(string s) =>
        s.All(c => char.IsAsciiDigit(c) || c == '.') && s.Count(c => c == '.') <= 1 && s.Any(char.IsAsciiDigit);
}
