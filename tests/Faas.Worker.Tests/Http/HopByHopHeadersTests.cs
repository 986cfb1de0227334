using Faas.Worker.Http;

namespace Faas.Worker.Tests.Http;

public sealed class HopByHopHeadersTests
{
    [Theory]
    [InlineData("Connection")]
    [InlineData("keep-alive")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Upgrade")]
    [InlineData("Proxy-Authorization")]
    public void Standard_hop_by_hop_headers_are_dropped(string name)
    {
        Assert.True(HopByHopHeaders.IsHopByHop(name, default));
    }

    [Fact]
    public void Headers_named_in_Connection_are_dropped_too_and_others_kept()
    {
        Assert.True(HopByHopHeaders.IsHopByHop("X-Session", new Microsoft.Extensions.Primitives.StringValues("close, x-session")));
        Assert.False(HopByHopHeaders.IsHopByHop("Content-Type", new Microsoft.Extensions.Primitives.StringValues("close")));
    }
}
