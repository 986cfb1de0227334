using Faas.Gateway.Async;

namespace Faas.Gateway.Tests.Async;

public sealed class CallbackUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9000/done", true)]
    [InlineData("https://example.com/hook?x=1", true)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("http://169.254.0.1/", false)]
    [InlineData("http://[fe80::1]/", false)]
    [InlineData("http://[::ffff:169.254.169.254]/", false)]
    [InlineData("http://169.255.0.1/", true)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/relative", false)]
    public void Only_absolute_http_urls_off_link_local_are_accepted(string url, bool accepted) =>
        Assert.Equal(accepted, CallbackUrls.Check(url) is null);
}
