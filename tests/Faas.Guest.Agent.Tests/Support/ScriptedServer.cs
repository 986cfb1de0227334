using System.Net;
using System.Net.Sockets;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>A TCP server on loopback whose every connection is handled by a script, for responses no real server sends.</summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedConnection, Task> _script;
    private readonly bool _oneConnectionAtATime;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _handlers = [];
    private readonly Task _acceptLoop;
    private int _connections;

    /// <param name="script">Runs for each accepted connection; the connection is closed when it returns.</param>
    /// <param name="oneConnectionAtATime">Accept the next connection only when the script is done with the last one, as a single-threaded server does.</param>
    public ScriptedServer(Func<ScriptedConnection, Task> script, bool oneConnectionAtATime = false)
    {
        _script = script;
        _oneConnectionAtATime = oneConnectionAtATime;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The number of accepted connections once it reached <paramref name="expected"/> (the accept loop may lag the client's connect), or after 10 s.</summary>
    public async Task<int> ConnectionsOnceAtLeastAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Connections < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await Task.Delay(50, TestContext.Current.CancellationToken);
        return Connections;
    }

    /// <summary>Answers every request on a connection with <paramref name="response"/>, for as long as the client keeps it open.</summary>
    public static ScriptedServer Answering(string response, bool oneConnectionAtATime = false) =>
        new(
            async connection =>
            {
                while (await connection.ReadRequestAsync() is not null)
                {
                    await connection.WriteAsync(response);
                }
            },
            oneConnectionAtATime);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            var handler = HandleAsync(socket);
            lock (_handlers)
            {
                _handlers.Add(handler);
            }

            if (_oneConnectionAtATime)
            {
                await handler;
            }
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using var connection = new ScriptedConnection(socket, _stop.Token);
        try
        {
            await _script(connection);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the test ended: the script has nothing more to do.
        }
    }
}
