namespace Faas.Guest.Agent.Http;

/// <summary>
/// Keeps connections to the function's server open between invocations, per port. A connection goes back to the
/// pool only while no other request to that port is in flight: a server that handles one connection at a time would
/// otherwise sit on the idle one while the other request waits on a new connection that it never accepts.
/// </summary>
internal sealed class HttpConnectionPool(int maxIdlePerPort = HttpConnectionPool.DefaultMaxIdlePerPort) : IDisposable
{
    public const int DefaultMaxIdlePerPort = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, PortConnections> _ports = [];
    private bool _disposed;

    /// <summary>Whether connections are kept at all; when not, requests ask the server to close.</summary>
    public bool KeepsConnections => maxIdlePerPort > 0;

    /// <summary>An idle open connection to <paramref name="port"/>, or a new one.</summary>
    /// <param name="port">The function's port.</param>
    /// <param name="fresh">Skip the idle connections: a reused one just failed.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connection and whether it was reused, or why there is none; every rented connection goes back through <see cref="Return"/>.</returns>
    public async ValueTask<(HttpConnection? Connection, bool Reused, string? Error)> RentAsync(int port, bool fresh, CancellationToken cancellationToken)
    {
        List<HttpConnection>? stale = null;
        HttpConnection? idle = null;
        lock (_gate)
        {
            var connections = ConnectionsTo(port);
            connections.InFlight++;
            while (!fresh && connections.Idle.TryPop(out var candidate))
            {
                if (candidate.IsIdleAndOpen())
                {
                    idle = candidate;
                    break;
                }

                (stale ??= []).Add(candidate);
            }
        }

        stale?.ForEach(connection => connection.Dispose());
        if (idle is not null)
        {
            return (idle, true, null);
        }

        try
        {
            var (created, error) = await HttpConnection.ConnectAsync(port, cancellationToken).ConfigureAwait(false);
            if (created is null)
            {
                EndRequest(port);
            }

            return (created, false, error);
        }
        catch (OperationCanceledException)
        {
            EndRequest(port);
            throw;
        }
    }

    /// <summary>
    /// Opens a connection to <paramref name="port"/> ahead of the first request and keeps it idle, so that the first
    /// invocation (also the first after a restore, when a snapshot is taken after this) finds the connection made and
    /// the agent's socket machinery started.
    /// </summary>
    /// <returns>null when a connection is waiting, otherwise why not.</returns>
    public async Task<string?> WarmUpAsync(int port, CancellationToken cancellationToken)
    {
        if (!KeepsConnections)
        {
            return null;
        }

        var (connection, _, error) = await RentAsync(port, fresh: false, cancellationToken).ConfigureAwait(false);
        if (connection is not null)
        {
            Return(connection, reusable: true);
        }

        return error;
    }

    /// <summary>Ends the request that rented <paramref name="connection"/>; keeps the connection for the next one when it may be reused.</summary>
    public void Return(HttpConnection connection, bool reusable)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            var connections = ConnectionsTo(connection.Port);
            connections.InFlight--;
            if (reusable && !_disposed && connections.InFlight == 0 && connections.Idle.Count < maxIdlePerPort)
            {
                connections.Idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        List<HttpConnection> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _ports.Values.SelectMany(connections => connections.Idle)];
            foreach (var connections in _ports.Values)
            {
                connections.Idle.Clear();
            }
        }

        idle.ForEach(connection => connection.Dispose());
    }

    private void EndRequest(int port)
    {
        lock (_gate)
        {
            ConnectionsTo(port).InFlight--;
        }
    }

    private PortConnections ConnectionsTo(int port)
    {
        if (!_ports.TryGetValue(port, out var connections))
        {
            connections = new PortConnections();
            _ports[port] = connections;
        }

        return connections;
    }

    private sealed class PortConnections
    {
        public Stack<HttpConnection> Idle { get; } = new();

        public int InFlight { get; set; }
    }
}
