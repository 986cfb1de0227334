using System.Globalization;
using System.Text.RegularExpressions;

namespace Faas.Gateway.Management;

/// <summary>
/// Memory sizes as deploy requests write them: "256Mi", "1Gi" (binary), "512M", "1G" (decimal, as Kubernetes has them), or a
/// plain number of MiB; rounded up to whole MiB.
/// </summary>
public static partial class MemorySizes
{
    private const decimal BytesPerMiB = 1024 * 1024;

    public static bool TryParseMiB(string? text, out int mib)
    {
        mib = 0;
        var match = SizePattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var value = decimal.Parse(match.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var inMiB = match.Groups["unit"].Value switch
        {
            "Gi" => value * 1024,
            "M" => value * 1_000_000 / BytesPerMiB,
            "G" => value * 1_000_000_000 / BytesPerMiB,
            _ => value,
        };
        return TryRound(inMiB, out mib);
    }

    public static bool TryFromNumber(decimal value, out int mib) => TryRound(value, out mib);

    /// <summary>"1Gi" for whole GiB, else "256Mi".</summary>
    public static string Format(int mib) =>
        mib > 0 && mib % 1024 == 0
            ? (mib / 1024).ToString(CultureInfo.InvariantCulture) + "Gi"
            : mib.ToString(CultureInfo.InvariantCulture) + "Mi";

    private static bool TryRound(decimal mibValue, out int mib)
    {
        mib = 0;
        if (mibValue < 0 || mibValue > int.MaxValue)
        {
            return false;
        }

        mib = (int)Math.Ceiling(mibValue);
        return true;
    }

    [GeneratedRegex(@"^(?<value>[0-9]+(\.[0-9]+)?)(?<unit>Mi|Gi|M|G)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
