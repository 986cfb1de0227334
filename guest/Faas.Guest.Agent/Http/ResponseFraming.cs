namespace Faas.Guest.Agent.Http;

/// <summary>How the end of a response body is found (RFC 9112 §6.3).</summary>
internal enum ResponseFraming
{
    /// <summary>No body: a response to HEAD, 1xx, 204 or 304.</summary>
    None,

    /// <summary>Exactly Content-Length bytes.</summary>
    ContentLength,

    /// <summary>Transfer-Encoding: chunked.</summary>
    Chunked,

    /// <summary>Whatever arrives until the server closes the connection.</summary>
    UntilClose,
}
