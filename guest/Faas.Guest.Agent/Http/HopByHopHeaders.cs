namespace Faas.Guest.Agent.Http;

/// <summary>Headers that describe one connection rather than the message, so they never cross the agent (RFC 9110 §7.6.1).</summary>
internal static class HopByHopHeaders
{
    private static readonly string[] Names = ["Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection"];

    public static bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var hopByHop in Names)
        {
            if (string.Equals(name, hopByHop, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
