using System.Text.RegularExpressions;

namespace Faas.Gateway.Http;

/// <summary>Names of tenants and functions: DNS labels (lower-case letters, digits and '-', not at either end).</summary>
public static partial class DnsLabel
{
    /// <summary>The longest function name: its worker-side name "{name}--{version}" must still be a DNS label.</summary>
    public const int MaxFunctionNameLength = 50;

    /// <summary>The longest tenant name (the scheduler's tenant directory allows no more).</summary>
    public const int MaxTenantNameLength = 40;

    public const int MaxLength = 63;

    public static bool IsValid(string? name, int maxLength = MaxLength) =>
        name is not null && name.Length <= maxLength && Pattern().IsMatch(name);

    public static bool IsFunctionName(string? name) => IsValid(name, MaxFunctionNameLength);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
