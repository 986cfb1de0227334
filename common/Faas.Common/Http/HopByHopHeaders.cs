namespace Faas.Common.Http;

/// <summary>Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded in either direction.</summary>
internal static class HopByHopHeaders
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection",
        "Keep-Alive",
        "Proxy-Connection",
        "Proxy-Authenticate",
        "Proxy-Authorization",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
    };

    /// <summary>Whether <paramref name="name"/> must not be forwarded, given the message's Connection header (which may name more).</summary>
    /// <param name="name">A header name.</param>
    /// <param name="connection">The Connection header's values, comma-separated; null when there is none.</param>
    public static bool IsHopByHop(string name, string? connection)
    {
        if (Names.Contains(name))
        {
            return true;
        }

        foreach (var token in (connection ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(token, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
