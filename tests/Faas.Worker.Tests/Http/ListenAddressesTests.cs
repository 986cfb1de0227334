using Faas.Worker.Http;

namespace Faas.Worker.Tests.Http;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8081", true)]
    [InlineData("http://127.0.0.2:0", true)]
    [InlineData("http://localhost:8081", true)]
    [InlineData("http://[::1]:8081", true)]
    [InlineData("http://0.0.0.0:8081", false)]
    [InlineData("http://[::]:8081", false)]
    [InlineData("http://*:8081", false)]
    [InlineData("http://+:8081", false)]
    [InlineData("http://10.0.0.11:8081", false)]
    [InlineData("http://worker-1:8081", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));
}
