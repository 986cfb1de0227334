using Faas.Gateway.Async;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Tests.Async;

public sealed class AsyncRequestHeadersTests
{
    [Fact]
    public void Only_end_to_end_headers_are_queued_with_the_request()
    {
        var headers = new HeaderDictionary
        {
            ["Authorization"] = "Bearer key",
            ["Connection"] = "close, X-Session",
            ["Keep-Alive"] = "timeout=5",
            ["Transfer-Encoding"] = "chunked",
            ["Content-Length"] = "3",
            ["X-Session"] = "per-connection",
            [AsyncRequestHeaders.CallbackUrl] = "http://127.0.0.1:9/done",
            ["Content-Type"] = "text/plain",
            ["X-Trace"] = "abc",
        };

        var kept = AsyncRequestHeaders.Kept(headers).OrderBy(header => header.Name, StringComparer.Ordinal);

        Assert.Equal([new AsyncHeader("Content-Type", "text/plain"), new AsyncHeader("X-Trace", "abc")], kept);
    }
}
