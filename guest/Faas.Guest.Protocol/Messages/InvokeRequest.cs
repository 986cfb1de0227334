namespace Faas.Guest.Protocol.Messages;

/// <summary>An HTTP request for the function's server on 127.0.0.1:<paramref name="Port"/>.</summary>
/// <param name="Method">GET, POST, …</param>
/// <param name="PathAndQuery">The request target, starting with /.</param>
/// <param name="Headers">Request headers (hop-by-hop headers already removed by the host).</param>
/// <param name="Port">The function's port.</param>
/// <param name="BodyLength">The body's length when known (Content-Length), -1 when it streams with no known length.</param>
public sealed record InvokeRequest(string Method, string PathAndQuery, IReadOnlyList<HttpHeader> Headers, int Port, long BodyLength);
