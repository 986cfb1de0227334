namespace Faas.Common.Names;

/// <summary>
/// Names of tenants and functions: DNS labels (lower-case letters, digits and '-', not at either end), so they fit in host names
/// and paths unescaped.
/// </summary>
internal static class DnsLabel
{
    public const int MaxLength = 63;

    /// <summary>The longest function name: its worker-side name "{name}--{version}" must still be a DNS label.</summary>
    public const int MaxFunctionNameLength = 50;

    /// <summary>The longest tenant name (the scheduler's tenant directory allows no more).</summary>
    public const int MaxTenantNameLength = 40;

    public static bool IsValid(string? name, int maxLength = MaxLength) =>
        name is { Length: > 0 } && name.Length <= maxLength
        && name[0] != '-' && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static bool IsFunctionName(string? name) => IsValid(name, MaxFunctionNameLength);

    public static bool IsTenantName(string? name) => IsValid(name, MaxTenantNameLength);
}
