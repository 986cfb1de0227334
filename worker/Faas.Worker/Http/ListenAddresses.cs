using System.Net;

namespace Faas.Worker.Http;

/// <summary>What a Kestrel listen URL exposes.</summary>
public static class ListenAddresses
{
    /// <summary>Whether the URL listens on loopback only: <c>localhost</c> or a loopback IP (not <c>*</c>, <c>+</c>, 0.0.0.0 or a host name).</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = end < 0 ? rest : rest[..end];
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? authority : authority[1..close];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
