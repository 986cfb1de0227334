using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Http;

/// <summary>A parsed status line and header section.</summary>
/// <param name="Status">The status code.</param>
/// <param name="IsHttp11">HTTP/1.1 rather than HTTP/1.0.</param>
/// <param name="Headers">The end-to-end headers, in order: hop-by-hop ones (and those the Connection header names) removed.</param>
/// <param name="ContentLength">The declared Content-Length, -1 when there is none or Transfer-Encoding overrides it.</param>
/// <param name="HasTransferEncoding">A Transfer-Encoding header was present.</param>
/// <param name="IsChunked">The last transfer coding is chunked.</param>
/// <param name="CloseRequested">Connection: close.</param>
internal sealed record HttpResponseHead(
    int Status,
    bool IsHttp11,
    IReadOnlyList<HttpHeader> Headers,
    long ContentLength,
    bool HasTransferEncoding,
    bool IsChunked,
    bool CloseRequested)
{
    /// <summary>1xx: another head follows.</summary>
    public bool IsInterim => Status < 200;

    /// <summary>The server is willing to take another request on this connection once this response has been read.</summary>
    public bool AllowsReuse => IsHttp11 && !CloseRequested;

    public ResponseFraming FramingFor(bool isHeadRequest) =>
        isHeadRequest || IsInterim || Status is 204 or 304 ? ResponseFraming.None
        : HasTransferEncoding ? (IsChunked ? ResponseFraming.Chunked : ResponseFraming.UntilClose)
        : ContentLength >= 0 ? ResponseFraming.ContentLength
        : ResponseFraming.UntilClose;
}
