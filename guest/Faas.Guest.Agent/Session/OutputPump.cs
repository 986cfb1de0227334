using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Protocol;
using Microsoft.Win32.SafeHandles;

namespace Faas.Guest.Agent.Session;

/// <summary>
/// Copies one output pipe of a child to the host as frames, on a thread of its own (pipes have no async I/O),
/// until the pipe reaches end of file. A tail, when given, sees every chunk too.
/// </summary>
internal sealed class OutputPump
{
    /// <summary>The largest chunk sent in one frame.</summary>
    public const int ChunkSize = 64 * 1024;

    private const int PumpStackSize = 128 * 1024;

    private readonly SafeFileHandle _pipe;
    private readonly FrameWriter _writer;
    private readonly MessageType _type;
    private readonly uint _channel;
    private readonly OutputTail? _tail;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _sendGate = new();
    private bool _detached;

    private OutputPump(SafeFileHandle pipe, FrameWriter writer, MessageType type, uint channel, OutputTail? tail)
    {
        _pipe = pipe;
        _writer = writer;
        _type = type;
        _channel = channel;
        _tail = tail;
    }

    /// <summary>Completes when the pipe reached end of file (or broke) and everything read has been handed to the writer.</summary>
    public Task Drained => _drained.Task;

    public static OutputPump Start(SafeFileHandle pipe, FrameWriter writer, MessageType type, uint channel, OutputTail? tail = null)
    {
        var pump = new OutputPump(pipe, writer, type, channel, tail);
        var thread = new Thread(pump.Run, PumpStackSize) { IsBackground = true, Name = $"{type} {channel}" };
        thread.Start();
        return pump;
    }

    /// <summary>
    /// Stops sending: for a channel that has reported its end while something (a background child) still holds the
    /// pipe open. The pipe is still drained, so that the writer never blocks on it.
    /// </summary>
    public void Detach()
    {
        lock (_sendGate)
        {
            _detached = true;
        }
    }

    private void Run()
    {
        var buffer = new byte[ChunkSize];
        var hostGone = false;
        var added = false;
        try
        {
            _pipe.DangerousAddRef(ref added);
            var fd = (int)_pipe.DangerousGetHandle();
            int read;
            while ((read = Read(fd, buffer)) > 0)
            {
                // Once the host is gone the pipe is still drained, so that the child never blocks on a full pipe.
                hostGone = hostGone || !TryForward(buffer.AsMemory(0, read));
            }
        }
        finally
        {
            if (added)
            {
                _pipe.DangerousRelease();
            }

            _drained.TrySetResult();
        }
    }

    /// <returns>False once the host is gone.</returns>
    private bool TryForward(ReadOnlyMemory<byte> chunk)
    {
        lock (_sendGate)
        {
            if (_detached)
            {
                return true;
            }

            _tail?.Append(_type, chunk.Span);
            return TrySend(chunk);
        }
    }

    private bool TrySend(ReadOnlyMemory<byte> chunk)
    {
        try
        {
            _writer.WriteAsync(_type, _channel, chunk).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
        {
            return false;
        }
    }

    private static unsafe int Read(int fd, byte[] buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var read = LibC.read(fd, start, buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                if (Marshal.GetLastPInvokeError() != LibC.EINTR)
                {
                    return 0;
                }
            }
        }
    }
}
