using Faas.Cli.Hosting;

namespace Faas.Cli.Tests.Hosting;

public sealed class PortClashTests
{
    [Theory]
    [InlineData("Could not create server TCP listening socket 127.0.0.1:6379: bind: Address already in use")]
    [InlineData("LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use")]
    [InlineData("Failed to bind to address http://127.0.0.1:8080: address already in use.")]
    public void Bind_failures_of_redis_postgres_and_kestrel_are_port_clashes(string output) =>
        Assert.True(PortClash.IsPortClash(output));

    [Fact]
    public async Task A_start_that_lost_its_port_is_tried_again_and_other_failures_are_not()
    {
        var calls = 0;
        var started = await PortClash.RetryAsync(() =>
        {
            calls++;
            return calls == 1 ? throw new ClusterStartException("redis", "exited during start-up", "bind: Address already in use") : Task.FromResult("up");
        });
        var otherCalls = 0;
        var other = await Assert.ThrowsAsync<ClusterStartException>(() => PortClash.RetryAsync<string>(() =>
        {
            otherCalls++;
            throw new ClusterStartException("postgres", "exited during start-up", "FATAL: data directory has wrong ownership");
        }));
        var clashCalls = 0;
        await Assert.ThrowsAsync<ClusterStartException>(() => PortClash.RetryAsync<string>(() =>
        {
            clashCalls++;
            throw new ClusterStartException("gateway", "exited during start-up", "address already in use");
        }));

        Assert.Equal(("up", 2), (started, calls));
        Assert.Equal(1, otherCalls);
        Assert.Contains("wrong ownership", other.Output, StringComparison.Ordinal);
        Assert.Equal(3, clashCalls);
    }
}
