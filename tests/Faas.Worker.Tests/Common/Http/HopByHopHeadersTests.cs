using Faas.Common.Http;

namespace Faas.Worker.Tests.Common.Http;

public sealed class HopByHopHeadersTests
{
    [Theory]
    [InlineData("Connection")]
    [InlineData("keep-alive")]
    [InlineData("Proxy-Connection")]
    [InlineData("Proxy-Authenticate")]
    [InlineData("Proxy-Authorization")]
    [InlineData("TE")]
    [InlineData("Trailer")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Upgrade")]
    public void Standard_hop_by_hop_headers_are_dropped(string name)
    {
        Assert.True(HopByHopHeaders.IsHopByHop(name, null));
    }

    [Fact]
    public void Headers_named_in_Connection_are_dropped_too_and_others_kept()
    {
        Assert.True(HopByHopHeaders.IsHopByHop("X-Session", "close, x-session"));
        Assert.True(HopByHopHeaders.IsHopByHop("X-Trace", "close,X-Session, X-Trace"));
        Assert.False(HopByHopHeaders.IsHopByHop("Content-Type", "close"));
        Assert.False(HopByHopHeaders.IsHopByHop("Content-Type", null));
    }
}
