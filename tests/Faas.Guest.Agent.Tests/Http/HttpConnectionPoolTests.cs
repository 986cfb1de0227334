using Faas.Common.Net;
using Faas.Guest.Agent.Http;
using Faas.Guest.Agent.Tests.Support;

namespace Faas.Guest.Agent.Tests.Http;

public sealed class HttpConnectionPoolTests
{
    [Fact]
    public async Task A_warmed_up_connection_serves_the_first_request()
    {
        await using var server = new ScriptedServer(async connection => await connection.ReadRequestAsync());
        using var pool = new HttpConnectionPool();

        Assert.Null(await pool.WarmUpAsync(server.Port, TestContext.Current.CancellationToken));
        var (connection, reused, error) = await pool.RentAsync(server.Port, fresh: false, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.True(reused);
        Assert.Equal(1, await server.ConnectionsOnceAtLeastAsync(1));
        pool.Return(connection!, reusable: false);
    }

    [Fact]
    public async Task Warming_up_a_port_nobody_listens_on_says_why()
    {
        using var pool = new HttpConnectionPool();
        var port = FreePort.Pick();

        Assert.Equal($"the function does not accept connections on port {port} (connection refused)", await pool.WarmUpAsync(port, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_connection_is_kept_only_while_no_other_request_to_its_port_is_in_flight()
    {
        await using var server = new ScriptedServer(async connection => await connection.ReadRequestAsync());
        using var pool = new HttpConnectionPool();
        var token = TestContext.Current.CancellationToken;

        var (first, _, _) = await pool.RentAsync(server.Port, fresh: false, token);
        var (second, _, _) = await pool.RentAsync(server.Port, fresh: false, token);
        pool.Return(first!, reusable: true);
        pool.Return(second!, reusable: true);
        var (third, thirdReused, _) = await pool.RentAsync(server.Port, fresh: false, token);
        var (fourth, fourthReused, _) = await pool.RentAsync(server.Port, fresh: false, token);

        Assert.True(thirdReused);
        Assert.Same(second, third);
        Assert.False(fourthReused);
        Assert.Equal(3, await server.ConnectionsOnceAtLeastAsync(3));
        pool.Return(third!, reusable: false);
        pool.Return(fourth!, reusable: false);
    }

    [Fact]
    public async Task Without_kept_connections_every_request_connects_anew()
    {
        await using var server = new ScriptedServer(async connection => await connection.ReadRequestAsync());
        using var pool = new HttpConnectionPool(maxIdlePerPort: 0);
        var token = TestContext.Current.CancellationToken;

        Assert.False(pool.KeepsConnections);
        Assert.Null(await pool.WarmUpAsync(server.Port, token));
        for (var i = 0; i < 3; i++)
        {
            var (connection, reused, _) = await pool.RentAsync(server.Port, fresh: false, token);
            Assert.False(reused);
            pool.Return(connection!, reusable: true);
        }

        Assert.Equal(3, await server.ConnectionsOnceAtLeastAsync(3));
    }
}
