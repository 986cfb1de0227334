using Microsoft.Extensions.Primitives;

namespace Faas.Gateway.Auth;

/// <summary>Reads the key of an <c>Authorization: Bearer &lt;key&gt;</c> header.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <returns>The key; null when the header is missing, has another scheme, is empty or appears more than once.</returns>
    public static string? Parse(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value)
        {
            return null;
        }

        var span = value.AsSpan().Trim();
        if (span.Length <= Scheme.Length || !span[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase) || span[Scheme.Length] != ' ')
        {
            return null;
        }

        var key = span[(Scheme.Length + 1)..].Trim();
        return key.IsEmpty || key.Contains(' ') ? null : key.ToString();
    }
}
