namespace Faas.Scheduler.Tenants;

/// <summary>
/// The public name of an API key: "key_" and the first 12 hex digits of its SHA-256. It names the key (to list or revoke it)
/// without revealing anything that helps to guess it.
/// </summary>
public static class ApiKeyIds
{
    public const string Prefix = "key_";

    private const int HashDigits = 12;

    public static string Of(string keySha256Hex)
    {
        ArgumentNullException.ThrowIfNull(keySha256Hex);
        return Prefix + keySha256Hex[..HashDigits].ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="id"/> has the form of a key id (so a malformed one is a 400, not a 404).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 16 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id[Prefix.Length..].All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
}
