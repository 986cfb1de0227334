using System.Net;
using System.Net.Sockets;

namespace Faas.Gateway.Async;

/// <summary>
/// Which <c>X-Callback-Url</c>s the gateway posts results to: absolute http(s) URLs, never to link-local addresses
/// (169.254.0.0/16, fe80::/10), where cloud metadata services answer.
/// </summary>
public static class CallbackUrls
{
    /// <returns>Why the URL is refused, or null when it is acceptable.</returns>
    public static string? Check(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"X-Callback-Url must be an absolute http or https URL, not '{url}'";
        }

        return IPAddress.TryParse(uri.IdnHost, out var address) && IsForbidden(address)
            ? $"X-Callback-Url may not point to a link-local or metadata address ({address})"
            : null;
    }

    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            return bytes[0] == 169 && bytes[1] == 254;
        }

        return address.IsIPv6LinkLocal;
    }
}
