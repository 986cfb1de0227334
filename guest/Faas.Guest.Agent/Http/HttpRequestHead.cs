using System.Globalization;
using System.Text;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Http;

/// <summary>Writes the request line and headers of an invocation as HTTP/1.1 bytes.</summary>
internal static class HttpRequestHead
{
    /// <summary>Methods that never anticipate a body: an empty one is not announced with Content-Length: 0 (RFC 9110 §8.6).</summary>
    private static readonly string[] MethodsWithoutBody = ["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

    /// <summary>Headers the agent writes itself (framing, connection) or drops: the body streams anyway, so no Expect.</summary>
    private static readonly string[] ReplacedHeaders = ["Content-Length", "Expect"];

    /// <summary>Why <paramref name="request"/> cannot be sent as HTTP/1.1, or null when it can.</summary>
    public static string? Validate(InvokeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpSyntax.IsToken(request.Method))
        {
            return $"invalid request: '{request.Method}' is not an HTTP method";
        }

        if (request.PathAndQuery is null || !HttpSyntax.IsRequestTarget(request.PathAndQuery))
        {
            return $"invalid request: the target '{request.PathAndQuery}' must start with / and contain no spaces or control characters";
        }

        if (request.Port is < 1 or > 65535)
        {
            return $"invalid request: port {request.Port} is not within 1-65535";
        }

        if (request.BodyLength < -1)
        {
            return $"invalid request: body length {request.BodyLength}";
        }

        foreach (var header in request.Headers ?? [])
        {
            if (header?.Name is null || !HttpSyntax.IsToken(header.Name))
            {
                return $"invalid request: '{header?.Name}' is not a header name";
            }

            if (header.Value is null || !HttpSyntax.IsFieldValue(header.Value))
            {
                return $"invalid request: header '{header.Name}' has control characters in its value";
            }
        }

        return null;
    }

    /// <summary>The head of a valid request (<see cref="Validate"/>).</summary>
    /// <param name="request">The invocation.</param>
    /// <param name="keepAlive">Ask the server to keep the connection open for the next request.</param>
    public static byte[] Write(InvokeRequest request, bool keepAlive)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = new StringBuilder(256);
        head.Append(request.Method).Append(' ').Append(request.PathAndQuery).Append(" HTTP/1.1\r\n");
        var hasHost = false;
        foreach (var header in request.Headers ?? [])
        {
            if (HopByHopHeaders.Contains(header.Name) || IsReplaced(header.Name))
            {
                continue;
            }

            hasHost |= header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase);
            head.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (!hasHost)
        {
            head.Append("Host: localhost:").Append(request.Port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        if (request.BodyLength < 0)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (request.BodyLength > 0 || !MethodsWithoutBody.Contains(request.Method, StringComparer.Ordinal))
        {
            head.Append("Content-Length: ").Append(request.BodyLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        if (!keepAlive)
        {
            head.Append("Connection: close\r\n");
        }

        return Encoding.UTF8.GetBytes(head.Append("\r\n").ToString());
    }

    private static bool IsReplaced(string name)
    {
        foreach (var replaced in ReplacedHeaders)
        {
            if (name.Equals(replaced, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
