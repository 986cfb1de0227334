using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Worker.Instances;

/// <summary>
/// Stands between the agent client and the caller's sink: enforces the response size limit, keeps a failing caller (e.g. a
/// client that went away) from breaking the agent channel, and lets nothing through once the call is over. A limit or a
/// failure stops the call.
/// </summary>
internal sealed class GuardedResponseSink(IInvokeResponseSink inner, long maxBodyBytes, CancellationTokenSource call) : IInvokeResponseSink, IDisposable
{
    /// <summary>How long closing waits for a write in progress (a stalled client) before giving up on it.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _written;
    private bool _closed;

    public bool Started { get; private set; }

    public bool Exceeded { get; private set; }

    public Exception? Failure { get; private set; }

    /// <summary>The limit or the caller's sink stopped the call.</summary>
    public bool Stopped => Exceeded || Failure is not null;

    public async ValueTask StartAsync(InvokeResponseHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed || Stopped)
            {
                return;
            }

            if (head.BodyLength > maxBodyBytes)
            {
                Exceeded = true;
                StopCall();
                return;
            }

            await inner.StartAsync(head).ConfigureAwait(false);
            Started = true;
        }
        catch (Exception e)
        {
            Failure = e;
            StopCall();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed || Stopped)
            {
                return;
            }

            if (_written + chunk.Length > maxBodyBytes)
            {
                Exceeded = true;
                StopCall();
                return;
            }

            _written += chunk.Length;
            await inner.WriteAsync(chunk).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Failure = e;
            StopCall();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lets nothing more through to the caller's sink.</summary>
    /// <returns>false when a write was still in progress after waiting: the caller's response must then be aborted, not written.</returns>
    public async Task<bool> CloseAsync()
    {
        if (!await _gate.WaitAsync(CloseWait).ConfigureAwait(false))
        {
            _closed = true;
            return false;
        }

        _closed = true;
        _gate.Release();
        return true;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Cancels the call off the agent's read loop, which is the thread calling this sink.</summary>
    private void StopCall() => ThreadPool.QueueUserWorkItem(
        static source =>
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The call ended meanwhile.
            }
        },
        call,
        preferLocal: false);
}
