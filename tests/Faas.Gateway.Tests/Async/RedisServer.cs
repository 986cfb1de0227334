using CliWrap;
using Faas.Common.Net;
using Faas.Gateway.Tests.Support;
using StackExchange.Redis;

namespace Faas.Gateway.Tests.Async;

/// <summary>A real redis-server on a free loopback port, in a private directory, persisting nothing; stopped on dispose.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly TemporaryDirectory _directory;
    private readonly Task<CommandResult> _process;

    private RedisServer(int port, TemporaryDirectory directory, CancellationTokenSource stop, Task<CommandResult> process, ConnectionMultiplexer connection)
    {
        Port = port;
        _stop = stop;
        _directory = directory;
        _process = process;
        Connection = connection;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>A connection of the test's own, to look at and arrange what the gateway keeps.</summary>
    public ConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public static async Task<RedisServer> StartAsync()
    {
        var directory = new TemporaryDirectory("faas-redis-");
        var port = FreePort.Pick();
        var stop = new CancellationTokenSource();
        var process = Cli.Wrap("redis-server")
            .WithArguments(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.Path])
            .WithStandardOutputPipe(PipeTarget.ToFile(Path.Combine(directory.Path, "redis.log")))
            .ExecuteAsync(stop.Token)
            .Task;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},connectTimeout=1000");
                await connection.GetDatabase().PingAsync();
                return new RedisServer(port, directory, stop, process, connection);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !process.IsCompleted)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _process;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
        _directory.Dispose();
    }
}
