namespace Faas.Guest.Protocol.Messages;

/// <summary>Status line and headers of the function's response.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">Response headers (hop-by-hop headers removed by the agent).</param>
/// <param name="BodyLength">The body's length when the function declared it, -1 otherwise.</param>
public sealed record InvokeResponseHead(int Status, IReadOnlyList<HttpHeader> Headers, long BodyLength);
