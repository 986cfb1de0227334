using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Faas.Vmm.Qemu.Sockets;

namespace Faas.Vmm.Qemu.Qmp;

/// <summary>
/// A QEMU Machine Protocol connection: negotiates capabilities, runs commands (several may be in flight,
/// matched to their replies by id) and collects asynchronous events.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    private const int EventBacklog = 256;

    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingCommand> _pending = new();
    private readonly Channel<QmpEvent> _events = Channel.CreateBounded<QmpEvent>(
        new BoundedChannelOptions(EventBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;
    private volatile string? _closedReason;
    private int _disposed;

    private QmpClient(Stream stream)
    {
        _stream = stream;
        _reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
    }

    /// <summary>The QEMU version from the greeting.</summary>
    public QemuVersion Version { get; private set; } = new(0, 0, 0, string.Empty);

    /// <summary>Events in the order QEMU sent them; the oldest are dropped when nobody reads them.</summary>
    public ChannelReader<QmpEvent> Events => _events.Reader;

    /// <summary>Completes when the connection is closed (QEMU exited or the client was disposed).</summary>
    public Task Completion => _readLoop;

    /// <summary>Reads QEMU's greeting on <paramref name="stream"/> and leaves capabilities negotiation mode.</summary>
    /// <exception cref="QmpException">The stream is not a QMP server or closed during the handshake.</exception>
    public static async Task<QmpClient> ConnectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var client = new QmpClient(stream);
        try
        {
            var greeting = await client.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (greeting?.Greeting is not { } hello)
            {
                throw new QmpException(greeting is null
                    ? "the QMP connection closed before QEMU sent its greeting"
                    : "the first QMP message was not QEMU's greeting");
            }

            client.Version = new QemuVersion(hello.Version.Qemu.Major, hello.Version.Qemu.Minor, hello.Version.Qemu.Micro, hello.Version.Package);
            client._readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            await client.ExecuteAsync("qmp_capabilities", cancellationToken: cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a command and returns its "return" value.</summary>
    /// <param name="command">The command name, e.g. query-status.</param>
    /// <param name="arguments">The command's arguments object, if it takes any.</param>
    /// <param name="cancellationToken">Stops waiting for the reply (the command may still run in QEMU).</param>
    /// <exception cref="QmpException">QEMU answered with an error, or the connection broke first.</exception>
    public Task<JsonElement> ExecuteAsync(string command, JsonElement? arguments = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command, arguments, fileDescriptor: null, cancellationToken);

    /// <summary>
    /// getfd: hands QEMU a copy of <paramref name="file"/> under <paramref name="name"/>, sent along with the command
    /// (SCM_RIGHTS); later commands name it as "fd:NAME". Only over a unix socket.
    /// </summary>
    /// <exception cref="QmpException">QEMU refused it, or the connection is not a unix socket or broke.</exception>
    public async Task PassFileAsync(string name, SafeHandle file, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(file);
        var arguments = JsonSerializer.SerializeToElement(new QmpGetFdArguments(name), QmpJsonContext.Default.QmpGetFdArguments);
        await ExecuteAsync("getfd", arguments, file, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> ExecuteAsync(string command, JsonElement? arguments, SafeHandle? fileDescriptor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var pending = new PendingCommand(command);
        _pending[id] = pending;
        try
        {
            // Checked after registering: either the read loop sees this command or we see its reason.
            if (_closedReason is { } reason)
            {
                throw new QmpException(command, null, reason);
            }

            byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(new QmpCommand(command, arguments, id), QmpJsonContext.Default.QmpCommand), (byte)'\n'];
            await WriteLineAsync(line, fileDescriptor, cancellationToken).ConfigureAwait(false);
            return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            throw new QmpException(command, null, $"the QMP connection broke: {e.Message}", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Runs a command and deserializes its "return" value.</summary>
    /// <exception cref="QmpException">QEMU answered with an error, the connection broke, or the reply has an unexpected shape.</exception>
    public async Task<TResult> ExecuteAsync<TResult>(string command, JsonTypeInfo<TResult> resultType, JsonElement? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        var result = await ExecuteAsync(command, arguments, cancellationToken).ConfigureAwait(false);
        try
        {
            return result.Deserialize(resultType)
                ?? throw new QmpException(command, null, "QEMU returned null");
        }
        catch (JsonException e)
        {
            throw new QmpException(command, null, $"unexpected reply {result.GetRawText()}: {e.Message}", e);
        }
    }

    /// <summary>query-status: whether the guest runs, and QEMU's run state.</summary>
    public Task<QmpStatus> QueryStatusAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync("query-status", QmpJsonContext.Default.QmpStatus, cancellationToken: cancellationToken);

    /// <summary>Asks QEMU to exit. A connection that closes before the reply counts as success.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ExecuteAsync("quit", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (QmpException e) when (e.ErrorClass is null)
        {
            // QEMU closes the connection as it exits; that is the answer.
        }
    }

    /// <summary>Reads events until one named <paramref name="name"/> arrives (events before it are consumed).</summary>
    /// <exception cref="QmpException">The connection closed first.</exception>
    public async Task<QmpEvent> WaitForEventAsync(string name, CancellationToken cancellationToken = default)
    {
        await foreach (var qmpEvent in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (qmpEvent.Name == name)
            {
                return qmpEvent;
            }
        }

        throw new QmpException($"the QMP connection closed before the {name} event");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected when the loop was waiting for a line.
        }

        _reader.Dispose();
        _writeLock.Dispose();
        _stop.Dispose();
    }

    private async Task WriteLineAsync(byte[] line, SafeHandle? fileDescriptor, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (fileDescriptor is null)
            {
                await _stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var socket = (_stream as NetworkStream)?.Socket;
            if (socket is not { AddressFamily: AddressFamily.Unix })
            {
                throw new QmpException("getfd", null, "file descriptors can only be passed over a unix socket");
            }

            FileDescriptorPassing.Send(socket, line, fileDescriptor);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<QmpMessage?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                return JsonSerializer.Deserialize(line, QmpJsonContext.Default.QmpMessage);
            }
            catch (JsonException e)
            {
                throw new QmpException($"QEMU sent a line that is not a QMP message: {line}", e);
            }
        }

        return null;
    }

    private async Task ReadLoopAsync()
    {
        var reason = "the QMP connection closed (QEMU exited)";
        try
        {
            while (await ReadMessageAsync(_stop.Token).ConfigureAwait(false) is { } message)
            {
                Dispatch(message);
            }
        }
        catch (Exception e) when (e is QmpException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = e is QmpException ? e.Message : "the QMP connection was closed";
        }
        finally
        {
            _closedReason = reason;
            foreach (var pending in _pending.Values)
            {
                pending.Result.TrySetException(new QmpException(pending.Command, null, reason));
            }

            _events.Writer.TryComplete();
        }
    }

    private void Dispatch(QmpMessage message)
    {
        if (message.Event is { } name)
        {
            var timestamp = message.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
            _events.Writer.TryWrite(new QmpEvent(name, message.Data, timestamp));
            return;
        }

        if (message.Id is not { ValueKind: JsonValueKind.String } id || !_pending.TryGetValue(id.GetString()!, out var pending))
        {
            return;
        }

        if (message.Error is { } error)
        {
            pending.Result.TrySetException(new QmpException(pending.Command, error.Class, error.Description));
        }
        else
        {
            pending.Result.TrySetResult(message.Return ?? default);
        }
    }

    private sealed class PendingCommand(string command)
    {
        public string Command { get; } = command;

        public TaskCompletionSource<JsonElement> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
