using Faas.Gateway.Invocation;
using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Tests.Invocation;

public sealed class ReleasingResponseStreamTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_last_byte_of_a_response_with_a_length_waits_for_the_release()
    {
        var context = new DefaultHttpContext();
        context.Response.ContentLength = 6;
        var sink = new MemoryStream();
        var seenAtRelease = -1L;
        var stream = new ReleasingResponseStream(sink, context.Response, () =>
        {
            seenAtRelease = sink.Length;
            return Task.CompletedTask;
        });

        await stream.WriteAsync("abc"u8.ToArray(), Token);
        Assert.Equal(-1, seenAtRelease);
        await stream.WriteAsync("def"u8.ToArray(), Token);

        Assert.Equal(5, seenAtRelease);
        Assert.Equal("abcdef"u8.ToArray(), sink.ToArray());
    }

    [Fact]
    public async Task A_response_without_a_length_is_released_by_the_caller()
    {
        var context = new DefaultHttpContext();
        var sink = new MemoryStream();
        var released = false;
        var stream = new ReleasingResponseStream(sink, context.Response, () =>
        {
            released = true;
            return Task.CompletedTask;
        });

        await stream.WriteAsync("abcdef"u8.ToArray(), Token);

        Assert.False(released);
        Assert.Equal(6, sink.Length);
    }
}
