using System.Globalization;
using System.Text.RegularExpressions;

namespace Faas.Gateway.Management;

/// <summary>CPU quantities as Kubernetes and OpenFaaS write them ("1", "0.5", "500m"), rounded up to whole vCPUs.</summary>
public static partial class CpuCounts
{
    public static bool TryParse(string? text, out int vcpus)
    {
        vcpus = 0;
        var match = CpuPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var value = decimal.Parse(match.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return TryFromNumber(match.Groups["milli"].Success ? value / 1000 : value, out vcpus);
    }

    public static bool TryFromNumber(decimal value, out int vcpus)
    {
        vcpus = 0;
        if (value <= 0 || value > 1024)
        {
            return false;
        }

        vcpus = (int)Math.Ceiling(value);
        return true;
    }

    [GeneratedRegex(@"^(?<value>[0-9]+(\.[0-9]+)?)(?<milli>m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CpuPattern();
}
